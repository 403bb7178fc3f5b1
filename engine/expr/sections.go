package expr

import (
	"runtime"
	"sync"
	"weak"
)

// DynamoDB checks an update's actions last written first, across sections,
// so which error it reports (and which path an overlap message names first)
// depends on the order the sections were written in. Update keeps each
// section's actions in order but not the order of the sections, so
// ParseUpdate remembers it here, for as long as the *Update lives.
// (Update would do better to keep it itself; until it does, this side table
// keyed by a weak pointer does.)

var sectionOrders sync.Map // weak.Pointer[Update] -> []uint8 (section bits in text order)

// defaultSectionOrder is the order assumed for an Update not from
// ParseUpdate.
var defaultSectionOrder = []uint8{sectionSet, sectionRemove, sectionAdd, sectionDelete}

// rememberSectionOrder records u's sections in text order. An update with
// one section needs nothing recorded.
func rememberSectionOrder(u *Update, order []uint8) {
	if len(order) < 2 {
		return
	}
	key := weak.Make(u)
	sectionOrders.Store(key, order)
	runtime.AddCleanup(u, func(key weak.Pointer[Update]) { sectionOrders.Delete(key) }, key)
}

// sectionOrder is the order u's sections were written in.
func sectionOrder(u *Update) []uint8 {
	if v, ok := sectionOrders.Load(weak.Make(u)); ok {
		return v.([]uint8)
	}
	return defaultSectionOrder
}
