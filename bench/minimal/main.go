// Command minimal is the baseline of bench/rest.sh: the least a Go server can
// do to answer GET /companies/{id}, a net/http ServeMux route that writes a
// fixed body read from a file at startup (rest.sh gives it the exact bytes that
// `dynabase serve` answered, with the same Content-Type). Every id gets the same
// answer; nothing is looked up.
//
//	go run ./bench/minimal --addr 127.0.0.1:18020 --body company.json --content-type application/json
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18020", "listen address")
	bodyFile := flag.String("body", "", "file whose bytes every GET /companies/{id} answers (required)")
	contentType := flag.String("content-type", "application/json", "Content-Type of the answer")
	flag.Parse()
	if *bodyFile == "" {
		log.Fatal("minimal: --body FILE is required")
	}
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /companies/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", *contentType)
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, mux))
}
