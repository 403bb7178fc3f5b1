// Package expr is DynamoDB's expression language: ConditionExpression,
// FilterExpression, KeyConditionExpression, ProjectionExpression and
// UpdateExpression, with their ExpressionAttributeNames and
// ExpressionAttributeValues.
//
// The work is split in three steps, so that a parse can be cached by the
// expression's text and reused across requests:
//
//   - Parse (parse.go and friends) turns text into an AST (ast.go) that
//     keeps #name and :value placeholders unresolved. Syntax errors and the
//     checks that need only the text (reserved words, function arity and
//     where functions may appear, overlapping update paths, size limits)
//     fail here, with DynamoDB's messages.
//   - Env (env.go) binds a request's ExpressionAttributeNames and
//     ExpressionAttributeValues to the ASTs of that request: undefined and
//     unused placeholders, and the checks that need the values' types,
//     fail here.
//   - Evaluation (eval.go, update.go, projection.go) runs a bound AST
//     against an item: conditions and filters, update actions, projections.
//     Evaluating a condition allocates nothing.
//
// Errors are engine/apierr ValidationExceptions whose messages are
// DynamoDB's, word for word ("Invalid ConditionExpression: Syntax error;
// token: ...").
package expr
