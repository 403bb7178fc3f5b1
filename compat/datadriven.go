package compat

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// A File is one test data file: cases run in order against one fresh
// server.
type File struct {
	Path  string
	Cases []*Case
	// Pending is set by a "# pending: <why>" line before the first case: the
	// file covers a feature dynabase does not have yet, so only the live
	// reference check runs it.
	Pending string
	// Trailer holds the lines after the last case (comments, blank lines).
	Trailer []string
}

// A Case is one request and the answers expected for it.
//
//	# comments
//	request PutItem [ignore=Path,...]
//	{"TableName": ...}
//	----
//	200 {}
//	---- dynamodb-local differs
//	400 ResourceNotFoundException: Cannot do operations on a non-existent table
type Case struct {
	Line     int      // line of the request command, for messages
	Comments []string // lines before the command (comments and blank lines)
	Op       string   // DynamoDB operation, the X-Amz-Target suffix
	// Ignore lists dotted paths of success-body members left out of the
	// comparison ("TableDescription.WarmThroughput").
	Ignore []string
	Body   string // request body, raw (may contain macros)
	// Want is Amazon DynamoDB's answer, raw.
	Want string
	// Local is DynamoDB Local's answer where it differs from Amazon
	// DynamoDB's (HasLocal), raw.
	Local    string
	HasLocal bool
}

const (
	separator    = "----"
	localDiffers = "---- dynamodb-local differs"
)

// ParseFile reads a test data file.
func ParseFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	f.Path = path
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "request ") {
			break
		}
		if why, ok := strings.CutPrefix(line, "# pending:"); ok {
			f.Pending = strings.TrimSpace(why)
		}
	}
	return f, nil
}

// Parse parses test data; errors start with the line number.
func Parse(data []byte) (*File, error) {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}

	f := &File{}
	var pending []string // comments and blank lines before the next case
	for i := 0; i < len(lines); {
		line := lines[i]
		if !strings.HasPrefix(line, "request ") {
			if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
				return nil, fmt.Errorf("%d: expected a comment or a request command, got %q", i+1, line)
			}
			pending = append(pending, line)
			i++
			continue
		}
		c := &Case{Line: i + 1, Comments: pending}
		pending = nil
		if err := c.parseCommand(line); err != nil {
			return nil, fmt.Errorf("%d: %v", i+1, err)
		}
		i++
		// Body: up to the separator.
		start := i
		for i < len(lines) && lines[i] != separator {
			i++
		}
		if i == len(lines) {
			return nil, fmt.Errorf("%d: request without %q", c.Line, separator)
		}
		c.Body = strings.Join(lines[start:i], "\n")
		i++
		// Expected answer: up to a blank line or the differs marker.
		start = i
		for i < len(lines) && !endOfAnswer(lines[i]) && lines[i] != localDiffers {
			i++
		}
		c.Want = strings.Join(lines[start:i], "\n")
		if i < len(lines) && lines[i] == localDiffers {
			c.HasLocal = true
			i++
			start = i
			for i < len(lines) && !endOfAnswer(lines[i]) {
				i++
			}
			c.Local = strings.Join(lines[start:i], "\n")
		}
		if c.Want == "" {
			return nil, fmt.Errorf("%d: request without an expected answer", c.Line)
		}
		f.Cases = append(f.Cases, c)
	}
	f.Trailer = pending
	return f, nil
}

// endOfAnswer reports whether line ends an answer block: a blank line, a
// comment or the next command.
func endOfAnswer(line string) bool {
	return strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "request ")
}

func (c *Case) parseCommand(line string) error {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return fmt.Errorf("request without an operation")
	}
	c.Op = fields[1]
	for _, arg := range fields[2:] {
		k, v, ok := strings.Cut(arg, "=")
		switch {
		case ok && k == "ignore":
			c.Ignore = append(c.Ignore, strings.Split(v, ",")...)
		default:
			return fmt.Errorf("unknown argument %q", arg)
		}
	}
	return nil
}

// Format writes the file back in its own syntax.
func (f *File) Format() []byte {
	var b bytes.Buffer
	for _, c := range f.Cases {
		for _, l := range c.Comments {
			b.WriteString(l + "\n")
		}
		b.WriteString("request " + c.Op)
		if len(c.Ignore) > 0 {
			b.WriteString(" ignore=" + strings.Join(c.Ignore, ","))
		}
		b.WriteString("\n")
		if c.Body != "" {
			b.WriteString(c.Body + "\n")
		}
		b.WriteString(separator + "\n" + c.Want + "\n")
		if c.HasLocal {
			b.WriteString(localDiffers + "\n" + c.Local + "\n")
		}
	}
	for _, l := range f.Trailer {
		b.WriteString(l + "\n")
	}
	return b.Bytes()
}

// Expand replaces the macros of test data: {{repeat N}}text{{end}} is text
// repeated N times (no nesting). Used for bodies and answers too large to
// write out, such as 400 KB items.
func Expand(s string) (string, error) {
	const open, end = "{{repeat ", "{{end}}"
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		s = s[i+len(open):]
		j := strings.Index(s, "}}")
		if j < 0 {
			return "", fmt.Errorf("unterminated {{repeat")
		}
		n, err := strconv.Atoi(strings.TrimSpace(s[:j]))
		if err != nil || n < 0 {
			return "", fmt.Errorf("bad repeat count %q", s[:j])
		}
		s = s[j+2:]
		k := strings.Index(s, end)
		if k < 0 {
			return "", fmt.Errorf("{{repeat}} without {{end}}")
		}
		b.WriteString(strings.Repeat(s[:k], n))
		s = s[k+len(end):]
	}
}
