package engine

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// idempotencyWindow is how long DynamoDB remembers a TransactWriteItems
// ClientRequestToken.
const idempotencyWindow = 10 * time.Minute

// idempotency remembers the TransactWriteItems calls made with a
// ClientRequestToken: a retry with the same token and the same request
// within the window returns the first call's answer without writing again;
// the same token with a different request is refused. A call that failed is
// forgotten, so its retry runs anew. Concurrent calls with one token wait
// for the first. The memory is the process's: a restart forgets it.
type idempotency struct {
	mu      sync.Mutex
	entries map[string]*idempotentCall
}

type idempotentCall struct {
	digest [sha256.Size]byte
	done   chan struct{}
	at     time.Time
	out    *dynamodb.TransactWriteItemsOutput
	err    error
}

// do runs call once per (token, request) within the window.
func (m *idempotency) do(now time.Time, in *dynamodb.TransactWriteItemsInput,
	call func() (*dynamodb.TransactWriteItemsOutput, error)) (*dynamodb.TransactWriteItemsOutput, error) {
	token := aws.ToString(in.ClientRequestToken)
	if token == "" {
		return call()
	}
	digest := requestDigest(in)
	for {
		m.mu.Lock()
		if m.entries == nil {
			m.entries = map[string]*idempotentCall{}
		}
		for t, e := range m.entries { // forget expired calls as we go
			if now.Sub(e.at) > idempotencyWindow && isDone(e) {
				delete(m.entries, t)
			}
		}
		e, ok := m.entries[token]
		if !ok {
			e = &idempotentCall{digest: digest, done: make(chan struct{}), at: now}
			m.entries[token] = e
			m.mu.Unlock()
			e.out, e.err = call()
			m.mu.Lock()
			if e.err != nil {
				delete(m.entries, token)
			}
			close(e.done)
			m.mu.Unlock()
			return e.out, e.err
		}
		m.mu.Unlock()
		<-e.done
		if e.err != nil {
			continue // the first call failed and was forgotten: run anew
		}
		if e.digest != digest {
			return nil, apierr.IdempotentParameterMismatch()
		}
		return e.out, nil
	}
}

func isDone(e *idempotentCall) bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

// requestDigest hashes what makes two TransactWriteItems requests the same
// request: every action's table, key or item, expressions, names and
// values (attribute values in their canonical encoding).
func requestDigest(in *dynamodb.TransactWriteItemsInput) [sha256.Size]byte {
	h := sha256.New()
	str := func(s *string) {
		v := aws.ToString(s)
		binary.Write(h, binary.BigEndian, uint32(len(v)))
		h.Write([]byte(v))
	}
	for _, it := range in.TransactItems {
		a := partsOf(it)
		h.Write([]byte{a.kind})
		str(a.table)
		digestItem(h, a.key)
		str(a.update)
		digestCond(h, str, a.condition, a.names, a.values)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

func digestItem(h hash.Hash, item map[string]types.AttributeValue) {
	enc, _ := value.AppendItem(nil, item) // canonical: names sorted, numbers normalised
	binary.Write(h, binary.BigEndian, uint32(len(enc)))
	h.Write(enc)
}

func digestCond(h hash.Hash, str func(*string), cond *string, names map[string]string, values map[string]types.AttributeValue) {
	str(cond)
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		str(&k)
		v := names[k]
		str(&v)
	}
	digestItem(h, values)
}
