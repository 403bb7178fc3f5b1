package repo

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A cursor is where the next page of a query starts: the key of the last
// item returned, bound to the query and signed. Layout, base64url without
// padding:
//
//	version(1) | binding(16) | key | HMAC-SHA256(version|binding|key)[:16]
//
// binding is a hash of the request the query sends (table, index, key
// condition, filter, direction, with their names and values), so a cursor
// replayed on another query is refused; the signature makes any change to
// it, or a cursor forged by hand, fail. The key is encoded as a count of
// attributes, then each as name, type (S, N or B) and value, with uvarint
// lengths.
const (
	cursorVersion = 1
	bindingSize   = 16
	signatureSize = 16
)

type queryBinding [bindingSize]byte

// bindQuery hashes what makes a query the same query.
func bindQuery(parts []string, values map[string]types.AttributeValue) queryBinding {
	var b []byte
	for _, p := range parts {
		b = appendString(b, p)
	}
	b = appendCanonicalMap(b, values)
	sum := sha256.Sum256(b)
	var q queryBinding
	copy(q[:], sum[:])
	return q
}

func encodeCursor(secret []byte, bind queryBinding, key map[string]types.AttributeValue) (string, error) {
	b := append([]byte{cursorVersion}, bind[:]...)
	names := sortedKeys(key)
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, n := range names {
		b = appendString(b, n)
		switch v := key[n].(type) {
		case *types.AttributeValueMemberS:
			b = appendString(append(b, 'S'), v.Value)
		case *types.AttributeValueMemberN:
			b = appendString(append(b, 'N'), v.Value)
		case *types.AttributeValueMemberB:
			b = appendString(append(b, 'B'), string(v.Value))
		default:
			return "", fmt.Errorf("repo: key attribute %q of type %T cannot be in a cursor", n, v)
		}
	}
	b = append(b, sign(secret, b)...)
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func sign(secret, payload []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(payload)
	return m.Sum(nil)[:signatureSize]
}

// decodeCursor checks a cursor's signature and binding and returns its key.
func decodeCursor(secret []byte, bind queryBinding, cursor string) (map[string]types.AttributeValue, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(raw) < 1+bindingSize+1+signatureSize {
		return nil, fmt.Errorf("%w: not a cursor", ErrBadCursor)
	}
	payload, sig := raw[:len(raw)-signatureSize], raw[len(raw)-signatureSize:]
	if !hmac.Equal(sig, sign(secret, payload)) {
		return nil, fmt.Errorf("%w: not issued by this repository, or altered", ErrBadCursor)
	}
	if payload[0] != cursorVersion {
		return nil, fmt.Errorf("%w: version %d", ErrBadCursor, payload[0])
	}
	if !hmac.Equal(payload[1:1+bindingSize], bind[:]) {
		return nil, fmt.Errorf("%w: issued for another query", ErrBadCursor)
	}
	rest := payload[1+bindingSize:]
	n, rest, ok := readUvarint(rest)
	if !ok || n > 8 {
		return nil, fmt.Errorf("%w: malformed key", ErrBadCursor)
	}
	key := make(map[string]types.AttributeValue, n)
	for range n {
		var name, val string
		if name, rest, ok = readString(rest); !ok || len(rest) == 0 {
			return nil, fmt.Errorf("%w: malformed key", ErrBadCursor)
		}
		typ := rest[0]
		if val, rest, ok = readString(rest[1:]); !ok {
			return nil, fmt.Errorf("%w: malformed key", ErrBadCursor)
		}
		switch typ {
		case 'S':
			key[name] = &types.AttributeValueMemberS{Value: val}
		case 'N':
			key[name] = &types.AttributeValueMemberN{Value: val}
		case 'B':
			key[name] = &types.AttributeValueMemberB{Value: []byte(val)}
		default:
			return nil, fmt.Errorf("%w: malformed key", ErrBadCursor)
		}
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: malformed key", ErrBadCursor)
	}
	return key, nil
}

func readUvarint(b []byte) (uint64, []byte, bool) {
	n, size := binary.Uvarint(b)
	if size <= 0 {
		return 0, nil, false
	}
	return n, b[size:], true
}

func readString(b []byte) (string, []byte, bool) {
	n, rest, ok := readUvarint(b)
	if !ok || n > uint64(len(rest)) {
		return "", nil, false
	}
	return string(rest[:n]), rest[n:], true
}
