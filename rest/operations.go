package rest

// Operations is a set of the operations Register generates.
type Operations uint8

// The generated operations.
const (
	List    Operations = 1 << iota // GET Path: a page of items
	Get                            // GET Path/{id}
	Create                         // POST Path: a new item, its id from NewID
	Replace                        // PUT Path/{id}: create or replace
	Patch                          // PATCH Path/{id}: a JSON Merge Patch
	Delete                         // DELETE Path/{id}

	AllOperations = List | Get | Create | Replace | Patch | Delete
)

// Has reports whether o includes every operation of op.
func (o Operations) Has(op Operations) bool { return o&op == op }
