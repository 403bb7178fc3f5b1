package client

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Local returns a DynamoDB client for an endpoint such as
// "http://127.0.0.1:8000" (dynabase serve, DynamoDB Local), with fixed
// credentials that such servers accept and the HTTPClient transport.
// optFns adjust the options as dynamodb.New's do.
func Local(endpoint string, optFns ...func(*dynamodb.Options)) *dynamodb.Client {
	o := dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
		HTTPClient:   HTTPClient(),
	}
	return dynamodb.New(o, optFns...)
}
