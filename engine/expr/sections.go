package expr

// defaultSectionOrder is the clause order assumed for an Update built by
// hand rather than by ParseUpdate.
var defaultSectionOrder = []uint8{sectionSet, sectionRemove, sectionAdd, sectionDelete}

// sectionOrder is the order u's clauses were written in.
func sectionOrder(u *Update) []uint8 {
	if u.order != nil {
		return u.order
	}
	return defaultSectionOrder
}
