package wire

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// LoadCredentials reads the access keys a handler accepts from a file with
// one "ACCESS_KEY_ID SECRET" pair per line. Blank lines and lines whose first
// non-blank character is '#' are ignored. A malformed line, a repeated key ID
// or a file with no keys at all is an error: an empty map would turn
// signature verification off, which is never what a credentials file means.
func LoadCredentials(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	creds := make(map[string]string)
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2 {
			// The line may hold a secret: say where, not what.
			return nil, fmt.Errorf("%s:%d: want \"ACCESS_KEY_ID SECRET\", found %d fields", path, line, len(fields))
		}
		if _, dup := creds[fields[0]]; dup {
			return nil, fmt.Errorf("%s:%d: access key ID %q appears twice", path, line, fields[0])
		}
		creds[fields[0]] = fields[1]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(creds) == 0 {
		return nil, fmt.Errorf("%s: no credentials", path)
	}
	return creds, nil
}
