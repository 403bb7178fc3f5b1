package compat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// A Client sends raw DynamoDB JSON 1.0 requests to one endpoint, signed
// with fixed test credentials (DynamoDB Local and dynabase without
// configured credentials accept any).
type Client struct {
	Endpoint string // "http://127.0.0.1:8000"
	HTTP     *http.Client
}

var testCredentials = aws.Credentials{AccessKeyID: "dynabase", SecretAccessKey: "dynabase"}

// Do sends body to operation op and returns the status and body of the
// answer.
func (c *Client) Do(ctx context.Context, op string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, testCredentials, req, hex.EncodeToString(sum[:]),
		"dynamodb", "us-east-1", time.Now()); err != nil {
		return 0, nil, err
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// DeleteAllTables deletes every table of the endpoint, so that a test file
// starts from an empty database.
func (c *Client) DeleteAllTables(ctx context.Context) error {
	var start string
	for {
		req := map[string]any{}
		if start != "" {
			req["ExclusiveStartTableName"] = start
		}
		body, _ := json.Marshal(req)
		status, data, err := c.Do(ctx, "ListTables", body)
		if err != nil {
			return err
		}
		if status != http.StatusOK {
			return fmt.Errorf("ListTables: %d %s", status, data)
		}
		var out struct {
			TableNames             []string
			LastEvaluatedTableName string
		}
		if err := json.Unmarshal(data, &out); err != nil {
			return err
		}
		for _, name := range out.TableNames {
			if err := c.deleteTable(ctx, name); err != nil {
				return err
			}
		}
		if out.LastEvaluatedTableName == "" {
			return nil
		}
		start = out.LastEvaluatedTableName
	}
}

// deleteTable deletes a table, turning its deletion protection off first if
// need be.
func (c *Client) deleteTable(ctx context.Context, name string) error {
	body, _ := json.Marshal(map[string]string{"TableName": name})
	status, data, err := c.Do(ctx, "DeleteTable", body)
	if err == nil && status != http.StatusOK && bytes.Contains(data, []byte("protected against deletion")) {
		off, _ := json.Marshal(map[string]any{"TableName": name, "DeletionProtectionEnabled": false})
		if status, data, err = c.Do(ctx, "UpdateTable", off); err == nil && status == http.StatusOK {
			status, data, err = c.Do(ctx, "DeleteTable", body)
		}
	}
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("DeleteTable %s: %d %s", name, status, data)
	}
	return nil
}
