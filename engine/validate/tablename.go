package validate

import "strings"

// Table names in DynamoDB requests come in two models.
//
// CreateTable (and ListTables' ExclusiveStartTableName, and index names) use
// TableName: pattern [a-zA-Z0-9_.-]+, length 3 to 255; see
// collector.checkName.
//
// The operations on an existing table accept a table name or a table ARN:
// the empty name fails "length greater than or equal to 1" alone (no pattern
// violation), a non-empty name must match the pattern and be at most 255
// long, an ARN at most 1024. So "ab" passes validation and the table lookup
// answers ResourceNotFoundException. See checkTableRef.

const arnPrefix = "arn:"

// isARN reports whether a table reference is an ARN rather than a name.
func isARN(s string) bool { return strings.HasPrefix(s, arnPrefix) }

// checkTableRef applies the constraints of a data-plane TableName (name or
// ARN) at path.
func (c *collector) checkTableRef(s *string, path string) {
	if s == nil {
		c.add(null, path, notNull)
		return
	}
	v := *s
	if v == "" {
		c.add(quote(v), path, minLen(1))
		return
	}
	if isARN(v) {
		if javaLen(v) > 1024 {
			c.add(quote(v), path, maxLen(1024))
		}
		return
	}
	if !isName(v) {
		c.add(quote(v), path, pattern(namePattern))
	}
	if javaLen(v) > 255 {
		c.add(quote(v), path, maxLen(255))
	}
}

// TableName returns the table name a data-plane request refers to: the
// name itself, or the resource part of a table ARN
// ("arn:aws:dynamodb:us-east-1:123456789012:table/Music" refers to
// "Music"). An ARN that does not name a table is returned unchanged; it
// matches no table, so the lookup answers ResourceNotFoundException.
func TableName(nameOrARN string) string {
	if !isARN(nameOrARN) {
		return nameOrARN
	}
	// arn:partition:service:region:account:resource
	parts := strings.SplitN(nameOrARN, ":", 6)
	if len(parts) != 6 || parts[2] != "dynamodb" {
		return nameOrARN
	}
	name, ok := strings.CutPrefix(parts[5], "table/")
	if !ok || name == "" || strings.Contains(name, "/") {
		return nameOrARN
	}
	return name
}
