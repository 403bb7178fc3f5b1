// Command load preloads a DynamoDB table with the items that bench/get.lua and
// bench/update.lua read: keys <prefix>00000000 .. <prefix>(n-1), each a
// ~200-byte item {id, n, payload} (the same shape put.lua writes).
//
// It speaks the DynamoDB JSON 1.0 protocol directly with net/http (no SDK, so
// it works the same against any endpoint), writes with BatchWriteItem in
// groups of 25 from a few workers, retries UnprocessedItems, and then checks
// with a paginated Scan (Select COUNT) that the table holds at least n items.
// Against a server that does not implement BatchWriteItem or Scan yet
// (UnknownOperationException), it falls back to PutItem per item and to a
// GetItem of every key.
// It exits non-zero on any failure, so a benchmark never runs on a partial load.
//
//	go run ./bench/load -endpoint http://127.0.0.1:8000 -table bench -n 10000
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const authorization = "AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/dynamodb/aws4_request, " +
	"SignedHeaders=host;x-amz-date, " +
	"Signature=0000000000000000000000000000000000000000000000000000000000000000"

type client struct {
	endpoint string
	http     *http.Client
	noBatch  atomic.Bool // the server answered UnknownOperationException to BatchWriteItem
}

// call sends one operation and decodes a 200 answer into out; anything else is an error.
func (c *client) call(ctx context.Context, op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("X-Amz-Date", time.Now().UTC().Format("20060102T150405Z"))
	req.Header.Set("Authorization", authorization)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return &apiError{op: op, status: resp.StatusCode, body: strings.TrimSpace(string(data))}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

// apiError is an answer other than HTTP 200.
type apiError struct {
	op     string
	status int
	body   string
}

func (e *apiError) Error() string { return fmt.Sprintf("%s: HTTP %d: %s", e.op, e.status, e.body) }

// unknownOperation reports whether err says the server does not implement the operation.
func unknownOperation(err error) bool {
	var ae *apiError
	return errors.As(err, &ae) && strings.Contains(ae.body, "UnknownOperationException")
}

type attr map[string]string // {"S": "..."} or {"N": "..."}

type writeRequest struct {
	PutRequest struct {
		Item map[string]attr `json:"Item"`
	} `json:"PutRequest"`
}

type batchOutput struct {
	UnprocessedItems map[string][]writeRequest `json:"UnprocessedItems"`
}

// writeBatch writes one group, retrying unprocessed items with backoff.
func (c *client) writeBatch(ctx context.Context, table string, reqs []writeRequest) error {
	if c.noBatch.Load() {
		return c.putEach(ctx, table, reqs)
	}
	for attempt := 0; len(reqs) > 0; attempt++ {
		if attempt == 10 {
			return fmt.Errorf("BatchWriteItem: %d items still unprocessed after %d attempts", len(reqs), attempt)
		}
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * 20 * time.Millisecond)
		}
		var out batchOutput
		in := map[string]any{"RequestItems": map[string][]writeRequest{table: reqs}}
		if err := c.call(ctx, "BatchWriteItem", in, &out); err != nil {
			if unknownOperation(err) {
				if !c.noBatch.Swap(true) {
					fmt.Fprintln(os.Stderr, "load: BatchWriteItem not implemented; using PutItem")
				}
				return c.putEach(ctx, table, reqs)
			}
			return err
		}
		reqs = out.UnprocessedItems[table]
	}
	return nil
}

// putEach writes items one PutItem at a time.
func (c *client) putEach(ctx context.Context, table string, reqs []writeRequest) error {
	for _, r := range reqs {
		if err := c.call(ctx, "PutItem", map[string]any{"TableName": table, "Item": r.PutRequest.Item}, nil); err != nil {
			return err
		}
	}
	return nil
}

// getEach checks with GetItem that the key of every item 0 .. n-1 exists.
func (c *client) getEach(ctx context.Context, table string, scheme keyScheme, n, workers int) error {
	keys := make(chan int)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range keys {
				var out struct {
					Item map[string]any `json:"Item"`
				}
				key := scheme.key(i)
				err := c.call(ctx, "GetItem", map[string]any{"TableName": table, "Key": key}, &out)
				if err == nil && out.Item == nil {
					err = fmt.Errorf("item %v is missing", key)
				}
				if err != nil {
					errc <- err
					return
				}
			}
		})
	}
	var err error
send:
	for i := range n {
		select {
		case keys <- i:
		case err = <-errc:
			break send
		}
	}
	close(keys)
	wg.Wait()
	close(errc)
	if err != nil {
		return err
	}
	return <-errc
}

// count returns the number of items in table, by a paginated Select COUNT scan.
func (c *client) count(ctx context.Context, table string) (int, error) {
	total := 0
	var start map[string]attr
	for {
		in := map[string]any{"TableName": table, "Select": "COUNT"}
		if start != nil {
			in["ExclusiveStartKey"] = start
		}
		var out struct {
			Count            int             `json:"Count"`
			LastEvaluatedKey map[string]attr `json:"LastEvaluatedKey"`
		}
		if err := c.call(ctx, "Scan", in, &out); err != nil {
			return total, err
		}
		total += out.Count
		if len(out.LastEvaluatedKey) == 0 {
			return total, nil
		}
		start = out.LastEvaluatedKey
	}
}

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:8000", "DynamoDB endpoint (loopback only)")
	table := flag.String("table", "bench", "table to fill (must exist)")
	n := flag.Int("n", 10000, "number of items")
	prefix := flag.String("prefix", "k", "key prefix; keys are prefix + 8-digit index")
	payload := flag.Int("payload", 170, "length of the payload string attribute")
	workers := flag.Int("workers", 4, "concurrent BatchWriteItem requests")
	verify := flag.Bool("verify", true, "check the item count with a Scan afterwards")
	timeout := flag.Duration("timeout", 5*time.Minute, "give up after this long")
	perPartition := flag.Int("per-partition", 0, "items per partition for a table with a numeric sort key \"sk\" "+
		"(bench/query.lua): item i goes to partition prefix + 8-digit i/N with sk i%N; 0: hash-only table")
	flag.Parse()

	keys := keyScheme{prefix: *prefix, perPartition: *perPartition}
	if err := run(*endpoint, *table, *n, keys, *payload, *workers, *verify, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// keyScheme says which key item i of the load gets.
type keyScheme struct {
	prefix       string
	perPartition int // 0: hash key only
}

// key is the primary key of item i.
func (k keyScheme) key(i int) map[string]attr {
	if k.perPartition <= 0 {
		return map[string]attr{"id": {"S": fmt.Sprintf("%s%08d", k.prefix, i)}}
	}
	return map[string]attr{
		"id": {"S": fmt.Sprintf("%s%08d", k.prefix, i/k.perPartition)},
		"sk": {"N": strconv.Itoa(i % k.perPartition)},
	}
}

func run(endpoint, table string, n int, keys keyScheme, payloadLen, workers int, verify bool, timeout time.Duration) error {
	if n < 0 || workers < 1 {
		return errors.New("need -n >= 0 and -workers >= 1")
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c := &client{
		endpoint: strings.TrimRight(endpoint, "/"),
		http:     &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}},
	}
	payload := strings.Repeat("x", payloadLen)
	began := time.Now()

	groups := make(chan []writeRequest)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for g := range groups {
				if err := c.writeBatch(ctx, table, g); err != nil {
					errc <- err
					cancel()
					return
				}
			}
		})
	}
feed:
	for lo := 0; lo < n; lo += 25 {
		g := make([]writeRequest, 0, 25)
		for i := lo; i < min(lo+25, n); i++ {
			var w writeRequest
			w.PutRequest.Item = keys.key(i)
			w.PutRequest.Item["n"] = attr{"N": "0"}
			w.PutRequest.Item["payload"] = attr{"S": payload}
			if keys.perPartition > 0 {
				// The same grouping under other names, for a global index
				// on (g, gs): bench/querygsi.lua.
				w.PutRequest.Item["g"] = w.PutRequest.Item["id"]
				w.PutRequest.Item["gs"] = w.PutRequest.Item["sk"]
			}
			g = append(g, w)
		}
		select {
		case groups <- g:
		case <-ctx.Done():
			break feed
		}
	}
	close(groups)
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	wrote := time.Since(began)

	if verify {
		got, err := c.count(ctx, table)
		switch {
		case unknownOperation(err):
			fmt.Fprintln(os.Stderr, "load: Scan not implemented; checking every key with GetItem")
			if err := c.getEach(ctx, table, keys, n, workers); err != nil {
				return err
			}
		case err != nil:
			return err
		case got < n:
			return fmt.Errorf("table %s holds %d items after writing %d", table, got, n)
		}
	}
	fmt.Printf("loaded %d items into %s at %s in %.2fs\n", n, table, endpoint, wrote.Seconds())
	return nil
}
