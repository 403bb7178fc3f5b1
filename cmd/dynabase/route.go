package main

import (
	"encoding/base64"
	"log/slog"
	"net/http"
	"os"
)

// routeAPIs serves two APIs on one port: the DynamoDB API at / (every SDK
// posts there, with X-Amz-Target naming the operation) and the REST API on
// every other path.
func routeAPIs(dynamodb, rest http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			dynamodb.ServeHTTP(w, r)
			return
		}
		rest.ServeHTTP(w, r)
	})
}

// cursorKey is the key that signs the REST API's page cursors: from
// DYNABASE_CURSOR_KEY (base64, so several instances, and restarts, accept
// each other's cursors), or random (nil) when it is unset or unreadable.
func cursorKey(log *slog.Logger) []byte {
	v := os.Getenv("DYNABASE_CURSOR_KEY")
	if v == "" {
		return nil
	}
	key, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(key) < 16 {
		log.Warn("DYNABASE_CURSOR_KEY is not base64 of at least 16 bytes; using a random key", "err", err)
		return nil
	}
	return key
}
