// Package value holds DynamoDB attribute values as the engine stores,
// orders, measures and validates them. Values are the AWS SDK's own
// types.AttributeValue; this package adds what DynamoDB does to them.
//
// # Numbers
//
// A Number is DynamoDB's decimal: at most 38 significant digits, the most
// significant one with an exponent from -130 to 125, or zero. ParseNumber
// accepts exactly what DynamoDB accepts (Java BigDecimal syntax) and
// rejects the rest with DynamoDB's ValidationException messages, in
// DynamoDB's order: not a number, then more than 38 significant digits,
// then overflow or underflow. String is the canonical text DynamoDB
// returns: plain decimal notation, so "1.50" reads back as "1.5", "1e2" as
// "100" and "-0" as "0". Add and Sub do DynamoDB's arithmetic with
// cockroachdb/apd and a context with DynamoDB's limits.
//
// # Keys
//
// AppendKey encodes an S, N or B key value so that bytes.Compare on the
// encodings orders values as DynamoDB orders them (strings and binaries by
// unsigned bytes, numbers numerically); encodings are self-delimiting, so a
// partition key followed by a sort key is still ordered correctly.
// DecodeKey reverses it.
//
// # Items
//
// AppendItem and DecodeItem are the storage encoding of a whole item: every
// type, nested lists and maps, set members in their original order and
// numbers in canonical form. Decoding is the read path's inner loop, so it
// makes a handful of allocations per item, not per attribute, and returns
// an error wrapping ErrCorrupt (never panics) on input it did not write.
//
// # Size and validation
//
// ItemSize and Size measure items by DynamoDB's rules, to the byte, for the
// MaxItemSize (400 KB) limit and for capacity accounting. CheckValue and
// CheckItem validate request values as DynamoDB does and return its exact
// messages: empty values, NULL that is not true, empty or duplicated sets,
// invalid numbers and nesting beyond MaxDepth. Equal and Compare are
// DynamoDB's equality and ordering of values in conditions.
//
// # Reference
//
// Messages and behaviours follow Amazon DynamoDB. Where DynamoDB Local
// behaves differently (for example its number messages), the comment at
// the declaration says so; the tests pin the DynamoDB behaviour.
package value
