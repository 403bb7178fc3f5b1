package wire

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// opDescribeEndpoints is the operation whose answer depends on how the
// client reached the handler.
const opDescribeEndpoints = "DescribeEndpoints"

// hostKey is the context key of the Host a DescribeEndpoints request was
// sent to.
type hostKey struct{}

// withRequestHost records the Host header of a DescribeEndpoints request
// for describeEndpoints. Only that operation pays for the context.
func withRequestHost(ctx context.Context, host string) context.Context {
	return context.WithValue(ctx, hostKey{}, host)
}

// describeEndpoints wraps a backend's DescribeEndpoints. DynamoDB names
// its own regional host ("dynamodb.us-east-1.amazonaws.com"), and an SDK
// doing endpoint discovery sends its next requests there; behind this
// handler they must come back here instead. So the address becomes the
// Host the client used (host and port, no scheme, as DynamoDB's has
// none), and the cache period stays the backend's. Without a Host (a
// direct call, an HTTP/1.0 request without one) the backend's answer
// stands.
func describeEndpoints(fn func(context.Context, *dynamodb.DescribeEndpointsInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeEndpointsOutput, error)) func(context.Context, *dynamodb.DescribeEndpointsInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeEndpointsOutput, error) {
	return func(ctx context.Context, in *dynamodb.DescribeEndpointsInput, opts ...func(*dynamodb.Options)) (*dynamodb.DescribeEndpointsOutput, error) {
		out, err := fn(ctx, in, opts...)
		if err != nil || out == nil {
			return out, err
		}
		host, _ := ctx.Value(hostKey{}).(string)
		if host == "" {
			return out, nil
		}
		// A copy: the backend's output may be shared (a proxied client's
		// cache, a canned answer).
		eps := make([]types.Endpoint, len(out.Endpoints))
		for i, ep := range out.Endpoints {
			eps[i] = types.Endpoint{Address: &host, CachePeriodInMinutes: ep.CachePeriodInMinutes}
		}
		return &dynamodb.DescribeEndpointsOutput{Endpoints: eps, ResultMetadata: out.ResultMetadata}, nil
	}
}
