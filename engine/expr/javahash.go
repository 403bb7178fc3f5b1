package expr

import "unicode/utf16"

// Some of DynamoDB's messages list things in the iteration order of a
// java.util.HashMap (the unused placeholders of "unused in expressions",
// the path an overlapping update path is reported against). That order is
// by bucket: the key's hash, spread (h ^ h>>>16) and masked by the table
// size; keys in one bucket come in insertion order.

// javaStringHash is java.lang.String.hashCode, over UTF-16 code units.
func javaStringHash(s string) uint32 {
	var h uint32
	for _, r := range s {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			h = 31*h + uint32(hi)
			h = 31*h + uint32(lo)
			continue
		}
		h = 31*h + uint32(r)
	}
	return h
}

// javaBucket is the bucket of a key with hash h in a table of size n (a
// power of two).
func javaBucket(h uint32, n int) uint32 {
	return (h ^ h>>16) & uint32(n-1)
}

// javaTableSize is the table size of a HashMap holding n keys, grown from
// the default 16 by doubling when it passes three quarters full.
func javaTableSize(n int) int {
	size := 16
	for n > size*3/4 {
		size *= 2
	}
	return size
}

// javaCopySize is the table size of new HashSet(collection of n keys):
// room for n/0.75+1 keys, at least 16, rounded up to a power of two.
func javaCopySize(n int) int {
	want := int(float32(n)/0.75) + 1
	if want < 16 {
		want = 16
	}
	size := 1
	for size < want {
		size *= 2
	}
	return size
}
