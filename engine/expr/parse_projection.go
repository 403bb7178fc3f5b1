package expr

// ProjectionExpression: comma-separated document paths.

// ParseProjection parses a ProjectionExpression. Errors are as
// ParseCondition's.
func ParseProjection(src string) (Projection, error) {
	if err := checkText(ProjectionExpr, src); err != nil {
		return nil, err
	}
	p := newParser(ProjectionExpr, src)
	var proj Projection
	for {
		path, err := p.path()
		if err != nil {
			return nil, err
		}
		proj = append(proj, path)
		if p.tok() != tComma {
			break
		}
		p.pos++
	}
	if p.tok() != tEOF {
		return nil, p.syntaxAt(p.pos)
	}
	if p.first != nil {
		return nil, p.first
	}
	return proj, nil
}
