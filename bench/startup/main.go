// Command startup measures how long a DynamoDB-compatible server takes from
// exec to its first answered request: it starts the command given after "--",
// polls ListTables on -url every -interval (1 ms by default) with an HTTP
// client, and stops the clock at the first HTTP 200. It then stops the server
// (SIGTERM to its process group, SIGKILL after 10 s) and repeats, -runs times,
// printing every run and one summary line with the best and the median:
//
//	STARTUP name=dynabase runs=5 best_ms=12.3 median_ms=14.0 all_ms=12.3,13.1,14.0,15.2,16.9
//
// Every "{fresh}" in the command is replaced by a new empty directory per run,
// so a durable server starts on an empty data directory each time:
//
//	go run ./bench/startup -name dynabase -url http://127.0.0.1:8001 -- \
//	    ./dynabase serve --addr 127.0.0.1:8001 --data {fresh}
//
// The port must be free before each run; the program refuses to measure a
// server that is already listening there.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	name := flag.String("name", "server", "label for the summary line")
	target := flag.String("url", "http://127.0.0.1:8000", "endpoint to poll (loopback only)")
	runs := flag.Int("runs", 5, "number of cold starts")
	interval := flag.Duration("interval", time.Millisecond, "pause between polls")
	timeout := flag.Duration("timeout", 60*time.Second, "give up on a start after this long")
	dir := flag.String("dir", "", "working directory of the command (default: current)")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: startup [flags] -- command [args...]")
		os.Exit(2)
	}
	u, err := url.Parse(*target)
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(2)
	}

	// On SIGINT/SIGTERM the server being measured is stopped before exiting:
	// it runs in its own process group, so a terminal's ^C does not reach it.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	var all []float64
	for i := range *runs {
		ms, err := once(ctx, u, flag.Args(), *dir, *interval, *timeout)
		if err != nil {
			fmt.Fprintf(os.Stderr, "startup: %s run %d: %v\n", *name, i+1, err)
			cancel()
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "startup: %s run %d: %.1f ms\n", *name, i+1, ms)
		all = append(all, ms)
	}
	sorted := slices.Clone(all)
	slices.Sort(sorted)
	median := sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		median = (sorted[len(sorted)/2-1] + median) / 2
	}
	parts := make([]string, len(all))
	for i, v := range all {
		parts[i] = fmt.Sprintf("%.1f", v)
	}
	fmt.Printf("STARTUP name=%s runs=%d best_ms=%.1f median_ms=%.1f all_ms=%s\n",
		*name, len(all), sorted[0], median, strings.Join(parts, ","))
}

// once starts the command, waits for the first answered ListTables and stops it.
func once(ctx context.Context, u *url.URL, args []string, dir string, interval, timeout time.Duration) (float64, error) {
	if c, err := net.DialTimeout("tcp", u.Host, time.Second); err == nil {
		c.Close()
		return 0, fmt.Errorf("something already listens on %s", u.Host)
	}
	fresh := ""
	args = slices.Clone(args)
	for i, a := range args {
		if strings.Contains(a, "{fresh}") {
			if fresh == "" {
				d, err := os.MkdirTemp("", "startup-data-")
				if err != nil {
					return 0, err
				}
				fresh = d
				defer os.RemoveAll(d)
			}
			args[i] = strings.ReplaceAll(a, "{fresh}", fresh)
		}
	}

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	// Stdout and Stderr stay nil (the null device): no pipes to drain or to hold the exit up.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	exited := make(chan error, 1)

	client := &http.Client{
		Timeout: 2 * time.Second,
		// A fresh connection per poll: the server may not be accepting yet.
		Transport: &http.Transport{DisableKeepAlives: true},
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	go func() { exited <- cmd.Wait() }()
	defer stop(cmd, exited)

	for {
		if ok, err := listTables(ctx, client, u); ok {
			return float64(time.Since(start).Microseconds()) / 1000, nil
		} else if ctx.Err() != nil {
			return 0, fmt.Errorf("no answer: %w (last poll: %v)", context.Cause(ctx), err)
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("no answer: %w", context.Cause(ctx))
		case err := <-exited:
			exited <- err
			return 0, fmt.Errorf("server exited before answering: %v", err)
		case <-time.After(interval):
		}
	}
}

// listTables reports whether one ListTables call was answered with HTTP 200.
func listTables(ctx context.Context, client *http.Client, u *url.URL) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader("{}"))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
	req.Header.Set("X-Amz-Date", time.Now().UTC().Format("20060102T150405Z"))
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/dynamodb/aws4_request, "+
		"SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")
	resp, err := client.Do(req)
	if err != nil {
		return false, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return false, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return true, nil
}

// stop ends the server's whole process group and waits for it.
func stop(cmd *exec.Cmd, exited chan error) {
	pgid := cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-exited
	}
}
