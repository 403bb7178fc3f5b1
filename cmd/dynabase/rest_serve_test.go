package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/client"
)

// send makes one HTTP request and returns the status and body.
func send(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// companyItem reads a company straight from the companies table.
func companyItem(t *testing.T, c *dynamodb.Client, id string) map[string]types.AttributeValue {
	t.Helper()
	out, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String("companies"), Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: id}}, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatalf("GetItem companies %s: %v", id, err)
	}
	return out.Item
}

// TestServeBothAPIs: one port serves the DynamoDB API at / and the REST
// API elsewhere, over the same data.
func TestServeBothAPIs(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	s := startServer(t, "--in-memory")
	if code, body := send(t, "PUT", s.endpoint+"/companies", `{"name":"Acme","keywords":["rockets"]}`); code != 201 {
		t.Fatalf("PUT /companies: %d %s", code, body)
	}
	item := companyItem(t, s.client(), "acme")
	if n, ok := item["name"].(*types.AttributeValueMemberS); !ok || n.Value != "Acme" {
		t.Fatalf("the REST write is not in the table: %v", item)
	}
	if code, body := send(t, "GET", s.endpoint+"/openapi.json", ""); code != 200 || !strings.Contains(body, `"/companies/{id}"`) {
		t.Fatalf("GET /openapi.json: %d", code)
	}
	if code, _ := send(t, "GET", s.endpoint+"/docs", ""); code != 200 {
		t.Fatalf("GET /docs: %d", code)
	}

	only := startServer(t, "--in-memory", "--api=false")
	// Without the REST API every path is DynamoDB's, whose GET answers a
	// health line.
	if _, body := send(t, "GET", only.endpoint+"/companies", ""); !strings.HasPrefix(body, "healthy") {
		t.Fatalf("--api=false still serves the REST API: %s", body)
	}
	tables, err := only.client().ListTables(context.Background(), &dynamodb.ListTablesInput{})
	if err != nil || len(tables.TableNames) != 0 {
		t.Fatalf("--api=false made tables: %v, %v", tables, err)
	}
}

// TestServeStoreEndpoint runs serve with its data at the reference
// endpoint: the REST API's writes land there, and the DynamoDB API at /
// passes through to it.
func TestServeStoreEndpoint(t *testing.T) {
	ep := os.Getenv("DYNABASE_REFERENCE_ENDPOINT")
	if ep == "" || testing.Short() {
		t.Skip("DYNABASE_REFERENCE_ENDPOINT is not set")
	}
	s := startServer(t, "--store", ep)
	name := fmt.Sprintf("Store%d", time.Now().UnixNano())
	if code, body := send(t, "PUT", s.endpoint+"/companies", `{"name":"`+name+`"}`); code != 201 {
		t.Fatalf("PUT /companies: %d %s", code, body)
	}
	id := strings.ToLower(name)
	if item := companyItem(t, client.Local(ep), id); item == nil {
		t.Fatal("the REST write is not at the store endpoint")
	}
	if item := companyItem(t, s.client(), id); item == nil {
		t.Fatal("the DynamoDB API of serve does not pass through to the store")
	}
	if code, _ := send(t, "GET", s.endpoint+"/companies/"+id, ""); code != 200 {
		t.Fatalf("GET /companies/%s: %d", id, code)
	}
}

// TestRESTWritesSurviveKill: every REST write acknowledged before a
// SIGKILL is there after a restart.
func TestRESTWritesSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	dir := t.TempDir()
	s := startServer(t, "--data", dir)
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("w%d-%d", w, i)
				req, _ := http.NewRequest("PUT", s.endpoint+"/companies", strings.NewReader(`{"name":"`+name+`"}`))
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 201 {
					mu.Lock()
					acked = append(acked, name)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	s.kill()
	close(stop)
	wg.Wait()
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged before the kill")
	}
	s = startServer(t, "--data", dir)
	for _, name := range acked {
		if code, body := send(t, "GET", s.endpoint+"/companies/"+name, ""); code != 200 {
			t.Fatalf("acknowledged company %s lost after SIGKILL: %d %s", name, code, body)
		}
	}
	t.Logf("%d acknowledged REST writes all present after SIGKILL", len(acked))
}

func TestServeFlags(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		store string
		err   bool
	}{
		{args: nil, store: "file:./dynabase-data"},
		{args: []string{"--data", "/x"}, store: "file:/x"},
		{args: []string{"--in-memory"}, store: "mem:"},
		{args: []string{"--store", "http://127.0.0.1:8001"}, store: "http://127.0.0.1:8001"},
		{args: []string{"--store", "mem:", "--in-memory"}, err: true},
		{args: []string{"--store", "mem:", "--data", "/x"}, err: true},
		{args: []string{"--api=false", "extra"}, err: true},
	} {
		cfg, err := parseServeFlags(tc.args, io.Discard)
		if (err != nil) != tc.err || (!tc.err && cfg.store != tc.store) {
			t.Errorf("%q: store %q, err %v; want store %q, error %v", tc.args, cfg.store, err, tc.store, tc.err)
		}
		if !tc.err && !cfg.api {
			t.Errorf("%q: the REST API is off by default", tc.args)
		}
	}
}
