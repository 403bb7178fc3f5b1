package value

import "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

// Type returns the DynamoDB type code of av: "S", "N", "B", "BOOL", "NULL",
// "SS", "NS", "BS", "L" or "M" (also for a typed nil of one of those), and ""
// for nil or an unknown union member.
func Type(av types.AttributeValue) string {
	switch av.(type) {
	case *types.AttributeValueMemberS:
		return "S"
	case *types.AttributeValueMemberN:
		return "N"
	case *types.AttributeValueMemberB:
		return "B"
	case *types.AttributeValueMemberBOOL:
		return "BOOL"
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberSS:
		return "SS"
	case *types.AttributeValueMemberNS:
		return "NS"
	case *types.AttributeValueMemberBS:
		return "BS"
	case *types.AttributeValueMemberL:
		return "L"
	case *types.AttributeValueMemberM:
		return "M"
	}
	return ""
}
