package value

import (
	"encoding/binary"
	"fmt"
	"slices"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Storage encoding of an item.
//
//	item    = version uvarint(#attributes) counts entry*
//	counts  = uvarint(mask) uvarint(count)*   one count per bit set in mask
//	entry   = uvarint(len(name)) name value
//	value   = tagS str | tagN str | tagB str | tagTrue | tagFalse | tagNull
//	        | tagSS uvarint(n) str* | tagNS uvarint(n) str* | tagBS uvarint(n) str*
//	        | tagL uvarint(n) value* | tagM uvarint(n) entry*
//	str     = uvarint(len) bytes
//
// Numbers are stored as their canonical text, which is what a read returns,
// so decoding never formats a number. Map entries are written in name
// order, so equal items encode to equal bytes.
//
// The counts say how many values of each Go type the item holds at any
// depth (and how many set members and list elements). They let DecodeItem
// allocate one slice per type and hand out pointers into it, instead of
// allocating every value separately; together with one copy of the input
// that every string and byte slice points into, decoding an item costs a
// handful of allocations whatever its size. Types with the same layout
// share a slice (S with N, SS with NS, BOOL with NULL): Go converts
// between pointers to structs with identical underlying types.
const codecVersion = 2

const (
	tagS = 1 + iota
	tagN
	tagB
	tagTrue
	tagFalse
	tagNull
	tagSS
	tagNS
	tagBS
	tagL
	tagM
)

// Slabs: the kinds of allocation DecodeItem makes in bulk, in the order
// their counts appear in the header.
const (
	slabText     = iota // S and N values
	slabB               // B values
	slabFlag            // BOOL and NULL values
	slabTextSet         // SS and NS values
	slabBS              // BS values
	slabL               // L values
	slabM               // M values
	slabStrings         // members of SS and NS
	slabBinaries        // members of BS
	slabElems           // elements of L
	numSlabs
)

// maxCodecDepth bounds recursion in both directions. CheckItem allows 32
// levels; the margin lets unvalidated items through while still stopping
// a cyclic map or a hostile input from exhausting the stack.
const maxCodecDepth = 2 * MaxDepth

// AppendItem appends the storage encoding of an item to dst. The item must
// have passed CheckItem; numbers are written in canonical form.
func AppendItem(dst []byte, item map[string]types.AttributeValue) ([]byte, error) {
	start := len(dst)
	e := encoder{buf: dst}
	if err := e.entries(item, 0); err != nil {
		return dst[:start], fmt.Errorf("encode item: %w", err)
	}

	// The header needs the counts, known only now: write it after the
	// body and rotate it into place (one memmove, no second pass).
	var hdr [2 + (numSlabs+2)*binary.MaxVarintLen64]byte
	h := append(hdr[:0], codecVersion)
	h = binary.AppendUvarint(h, uint64(len(item)))
	var mask uint64
	for k, c := range e.counts {
		if c > 0 {
			mask |= 1 << k
		}
	}
	h = binary.AppendUvarint(h, mask)
	for _, c := range e.counts {
		if c > 0 {
			h = binary.AppendUvarint(h, uint64(c))
		}
	}
	bodyEnd := len(e.buf)
	e.buf = append(e.buf, h...)
	copy(e.buf[start+len(h):], e.buf[start:bodyEnd])
	copy(e.buf[start:], h)
	return e.buf, nil
}

type encoder struct {
	buf    []byte
	counts [numSlabs]int
}

func (e *encoder) str(s string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) bin(b []byte) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(b)))
	e.buf = append(e.buf, b...)
}

func (e *encoder) number(s string) error {
	if isCanonical(s) {
		e.str(s)
		return nil
	}
	var n Number
	if code := n.parse(s); code != parseOK {
		return fmt.Errorf("number %q: %w", s, numberError(code, s))
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(n.textLen()))
	e.buf = n.appendText(e.buf)
	return nil
}

// entries writes the entries of an item or map in name order.
func (e *encoder) entries(m map[string]types.AttributeValue, depth int) error {
	var stack [32]string
	names := stack[:0]
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		e.str(name)
		if err := e.value(m[name], depth+1); err != nil {
			return fmt.Errorf("attribute %q: %w", name, err)
		}
	}
	return nil
}

func (e *encoder) value(av types.AttributeValue, depth int) error {
	if depth > maxCodecDepth {
		return fmt.Errorf("nested more than %d levels", maxCodecDepth)
	}
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		if v != nil {
			e.counts[slabText]++
			e.buf = append(e.buf, tagS)
			e.str(v.Value)
			return nil
		}
	case *types.AttributeValueMemberN:
		if v != nil {
			e.counts[slabText]++
			e.buf = append(e.buf, tagN)
			return e.number(v.Value)
		}
	case *types.AttributeValueMemberB:
		if v != nil {
			e.counts[slabB]++
			e.buf = append(e.buf, tagB)
			e.bin(v.Value)
			return nil
		}
	case *types.AttributeValueMemberBOOL:
		if v != nil {
			e.counts[slabFlag]++
			if v.Value {
				e.buf = append(e.buf, tagTrue)
			} else {
				e.buf = append(e.buf, tagFalse)
			}
			return nil
		}
	case *types.AttributeValueMemberNULL:
		if v != nil {
			if !v.Value {
				return fmt.Errorf("NULL must be true")
			}
			e.counts[slabFlag]++
			e.buf = append(e.buf, tagNull)
			return nil
		}
	case *types.AttributeValueMemberSS:
		if v != nil {
			e.counts[slabTextSet]++
			e.counts[slabStrings] += len(v.Value)
			e.buf = append(e.buf, tagSS)
			e.buf = binary.AppendUvarint(e.buf, uint64(len(v.Value)))
			for _, s := range v.Value {
				e.str(s)
			}
			return nil
		}
	case *types.AttributeValueMemberNS:
		if v != nil {
			e.counts[slabTextSet]++
			e.counts[slabStrings] += len(v.Value)
			e.buf = append(e.buf, tagNS)
			e.buf = binary.AppendUvarint(e.buf, uint64(len(v.Value)))
			for _, s := range v.Value {
				if err := e.number(s); err != nil {
					return err
				}
			}
			return nil
		}
	case *types.AttributeValueMemberBS:
		if v != nil {
			e.counts[slabBS]++
			e.counts[slabBinaries] += len(v.Value)
			e.buf = append(e.buf, tagBS)
			e.buf = binary.AppendUvarint(e.buf, uint64(len(v.Value)))
			for _, b := range v.Value {
				e.bin(b)
			}
			return nil
		}
	case *types.AttributeValueMemberL:
		if v != nil {
			e.counts[slabL]++
			e.counts[slabElems] += len(v.Value)
			e.buf = append(e.buf, tagL)
			e.buf = binary.AppendUvarint(e.buf, uint64(len(v.Value)))
			for i, el := range v.Value {
				if err := e.value(el, depth+1); err != nil {
					return fmt.Errorf("element %d: %w", i, err)
				}
			}
			return nil
		}
	case *types.AttributeValueMemberM:
		if v != nil {
			e.counts[slabM]++
			e.buf = append(e.buf, tagM)
			e.buf = binary.AppendUvarint(e.buf, uint64(len(v.Value)))
			return e.entries(v.Value, depth)
		}
	}
	return fmt.Errorf("cannot store a value of type %s", typeName(av))
}

// DecodeItem decodes an item written by AppendItem.
//
// The result does not alias src: strings and byte slices point into one
// private copy of it (byte slices are capped, so appending to one cannot
// overwrite another). Corrupt input gives an error wrapping ErrCorrupt,
// never a panic, and allocations stay proportional to len(src). Numbers
// are checked to be canonical, so every N it returns is valid.
func DecodeItem(src []byte) (map[string]types.AttributeValue, error) {
	item, err := decodeItem(src)
	if err != nil {
		return nil, fmt.Errorf("decode item: %w", err)
	}
	return item, nil
}

func decodeItem(src []byte) (map[string]types.AttributeValue, error) {
	d := decoder{src: src}
	if len(src) == 0 || src[0] != codecVersion {
		return nil, fmt.Errorf("unknown version: %w", ErrCorrupt)
	}
	d.pos = 1
	nattr, err := d.count()
	if err != nil {
		return nil, err
	}
	mask, err := d.uvarint()
	if err != nil {
		return nil, err
	}
	if mask>>numSlabs != 0 {
		return nil, fmt.Errorf("bad count mask: %w", ErrCorrupt)
	}
	var counts [numSlabs]int
	total := 0
	for k := range counts {
		if mask&(1<<k) != 0 {
			if counts[k], err = d.count(); err != nil {
				return nil, err
			}
			total += counts[k]
		}
	}
	// Every value and set member takes at least a byte, and a list element
	// is also a value: a larger total is corrupt, and bounding it bounds
	// what the slabs below allocate.
	if total > 2*len(src) {
		return nil, fmt.Errorf("header counts exceed input: %w", ErrCorrupt)
	}

	// Every string, number and byte slice of the item is a view of this
	// copy. Nothing writes to it after this point except a caller writing
	// into a B value it owns, and no string views those bytes.
	body := src[d.pos:]
	buf := make([]byte, len(body))
	copy(buf, body)
	d.src = buf
	d.str = unsafe.String(unsafe.SliceData(buf), len(buf))
	d.pos = 0

	if c := counts[slabText]; c > 0 {
		d.text = make([]types.AttributeValueMemberS, c)
	}
	if c := counts[slabB]; c > 0 {
		d.b = make([]types.AttributeValueMemberB, c)
	}
	if c := counts[slabFlag]; c > 0 {
		d.flags = make([]types.AttributeValueMemberBOOL, c)
	}
	if c := counts[slabTextSet]; c > 0 {
		d.textSets = make([]types.AttributeValueMemberSS, c)
	}
	if c := counts[slabBS]; c > 0 {
		d.bs = make([]types.AttributeValueMemberBS, c)
	}
	if c := counts[slabL]; c > 0 {
		d.l = make([]types.AttributeValueMemberL, c)
	}
	if c := counts[slabM]; c > 0 {
		d.m = make([]types.AttributeValueMemberM, c)
	}
	if c := counts[slabStrings]; c > 0 {
		d.strs = make([]string, c)
	}
	if c := counts[slabBinaries]; c > 0 {
		d.bins = make([][]byte, c)
	}
	if c := counts[slabElems]; c > 0 {
		d.elems = make([]types.AttributeValue, c)
	}

	item, err := d.entries(nattr, 0)
	if err != nil {
		return nil, err
	}
	if d.pos != len(d.src) {
		return nil, fmt.Errorf("%d trailing bytes: %w", len(d.src)-d.pos, ErrCorrupt)
	}
	if len(d.text)+len(d.b)+len(d.flags)+len(d.textSets)+len(d.bs)+len(d.l)+
		len(d.m)+len(d.strs)+len(d.bins)+len(d.elems) != 0 {
		return nil, fmt.Errorf("header counts exceed contents: %w", ErrCorrupt)
	}
	return item, nil
}

// decoder reads one item. The slices below are the unused rest of each
// slab; values are taken from their fronts.
type decoder struct {
	src []byte
	str string // src as a string
	pos int

	text     []types.AttributeValueMemberS // also N: same layout
	b        []types.AttributeValueMemberB
	flags    []types.AttributeValueMemberBOOL // also NULL
	textSets []types.AttributeValueMemberSS   // also NS
	bs       []types.AttributeValueMemberBS
	l        []types.AttributeValueMemberL
	m        []types.AttributeValueMemberM
	strs     []string
	bins     [][]byte
	elems    []types.AttributeValue
}

var errShortSlab = fmt.Errorf("more values than the header counts: %w", ErrCorrupt)

func (d *decoder) uvarint() (uint64, error) {
	v, w := binary.Uvarint(d.src[d.pos:])
	if w <= 0 {
		return 0, fmt.Errorf("bad varint at %d: %w", d.pos, ErrCorrupt)
	}
	d.pos += w
	return v, nil
}

// count reads a number of things, each of which takes at least one byte,
// so a count beyond the input is corrupt; checking it first keeps a
// corrupt count from causing a huge allocation.
func (d *decoder) count() (int, error) {
	v, err := d.uvarint()
	if err != nil {
		return 0, err
	}
	if v > uint64(len(d.src)) {
		return 0, fmt.Errorf("count %d exceeds input: %w", v, ErrCorrupt)
	}
	return int(v), nil
}

// span reads a length-prefixed byte string and returns its bounds.
func (d *decoder) span() (int, int, error) {
	n, err := d.uvarint()
	if err != nil {
		return 0, 0, err
	}
	if n > uint64(len(d.src)-d.pos) {
		return 0, 0, fmt.Errorf("length %d exceeds input: %w", n, ErrCorrupt)
	}
	start := d.pos
	d.pos += int(n)
	return start, d.pos, nil
}

func (d *decoder) string() (string, error) {
	i, j, err := d.span()
	if err != nil {
		return "", err
	}
	return d.str[i:j], nil
}

func (d *decoder) bytes() ([]byte, error) {
	i, j, err := d.span()
	if err != nil {
		return nil, err
	}
	return d.src[i:j:j], nil
}

func (d *decoder) entries(count, depth int) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, count)
	for range count {
		name, err := d.string()
		if err != nil {
			return nil, err
		}
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[name] = v
	}
	if len(m) != count {
		return nil, fmt.Errorf("duplicate attribute name: %w", ErrCorrupt)
	}
	return m, nil
}

func (d *decoder) value(depth int) (types.AttributeValue, error) {
	if depth > maxCodecDepth {
		return nil, fmt.Errorf("nested too deeply: %w", ErrCorrupt)
	}
	if d.pos >= len(d.src) {
		return nil, fmt.Errorf("truncated: %w", ErrCorrupt)
	}
	tag := d.src[d.pos]
	d.pos++
	switch tag {
	case tagS:
		if len(d.text) == 0 {
			return nil, errShortSlab
		}
		v := &d.text[0]
		d.text = d.text[1:]
		var err error
		v.Value, err = d.string()
		return v, err
	case tagN:
		if len(d.text) == 0 {
			return nil, errShortSlab
		}
		v := (*types.AttributeValueMemberN)(&d.text[0])
		d.text = d.text[1:]
		var err error
		if v.Value, err = d.number(); err != nil {
			return nil, err
		}
		return v, nil
	case tagB:
		if len(d.b) == 0 {
			return nil, errShortSlab
		}
		v := &d.b[0]
		d.b = d.b[1:]
		var err error
		v.Value, err = d.bytes()
		return v, err
	case tagTrue, tagFalse:
		if len(d.flags) == 0 {
			return nil, errShortSlab
		}
		v := &d.flags[0]
		d.flags = d.flags[1:]
		v.Value = tag == tagTrue
		return v, nil
	case tagNull:
		if len(d.flags) == 0 {
			return nil, errShortSlab
		}
		v := (*types.AttributeValueMemberNULL)(&d.flags[0])
		d.flags = d.flags[1:]
		v.Value = true
		return v, nil
	case tagSS, tagNS:
		if len(d.textSets) == 0 {
			return nil, errShortSlab
		}
		v := &d.textSets[0]
		d.textSets = d.textSets[1:]
		members, err := d.strings(tag == tagNS)
		if err != nil {
			return nil, err
		}
		v.Value = members
		if tag == tagNS {
			return (*types.AttributeValueMemberNS)(v), nil
		}
		return v, nil
	case tagBS:
		if len(d.bs) == 0 {
			return nil, errShortSlab
		}
		v := &d.bs[0]
		d.bs = d.bs[1:]
		count, err := d.count()
		if err != nil {
			return nil, err
		}
		if count > len(d.bins) {
			return nil, errShortSlab
		}
		members := d.bins[:count:count]
		d.bins = d.bins[count:]
		for i := range members {
			if members[i], err = d.bytes(); err != nil {
				return nil, err
			}
		}
		v.Value = members
		return v, nil
	case tagL:
		if len(d.l) == 0 {
			return nil, errShortSlab
		}
		v := &d.l[0]
		d.l = d.l[1:]
		count, err := d.count()
		if err != nil {
			return nil, err
		}
		if count > len(d.elems) {
			return nil, errShortSlab
		}
		elems := d.elems[:count:count]
		d.elems = d.elems[count:]
		if elems == nil {
			elems = []types.AttributeValue{} // an empty list, not a missing one
		}
		for i := range elems {
			if elems[i], err = d.value(depth + 1); err != nil {
				return nil, err
			}
		}
		v.Value = elems
		return v, nil
	case tagM:
		if len(d.m) == 0 {
			return nil, errShortSlab
		}
		v := &d.m[0]
		d.m = d.m[1:]
		count, err := d.count()
		if err != nil {
			return nil, err
		}
		if v.Value, err = d.entries(count, depth); err != nil {
			return nil, err
		}
		return v, nil
	}
	return nil, fmt.Errorf("bad tag %d at %d: %w", tag, d.pos-1, ErrCorrupt)
}

// number reads a number's text. AppendItem writes only canonical text, so
// anything else is corruption; checking it here means every N a read
// returns is a valid number, which ordering and arithmetic rely on.
func (d *decoder) number() (string, error) {
	s, err := d.string()
	if err != nil {
		return "", err
	}
	if !isCanonical(s) {
		return "", fmt.Errorf("non-canonical number %q: %w", s, ErrCorrupt)
	}
	return s, nil
}

// strings reads the members of an SS or NS into the string slab.
func (d *decoder) strings(numbers bool) ([]string, error) {
	count, err := d.count()
	if err != nil {
		return nil, err
	}
	if count > len(d.strs) {
		return nil, errShortSlab
	}
	members := d.strs[:count:count]
	d.strs = d.strs[count:]
	read := d.string
	if numbers {
		read = d.number
	}
	for i := range members {
		if members[i], err = read(); err != nil {
			return nil, err
		}
	}
	return members, nil
}

// typeName names the type of av for error messages.
func typeName(av types.AttributeValue) string {
	if t := Type(av); t != "" {
		return t
	}
	if u, ok := av.(*types.UnknownUnionMember); ok {
		return "unknown member " + u.Tag
	}
	if av == nil {
		return "nil"
	}
	return fmt.Sprintf("%T", av)
}
