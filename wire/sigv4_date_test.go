package wire

import (
	"testing"
	"time"
)

// TestIsAmzDateAgreesWithTimeParse pins the fast format check to what
// time.Parse accepts, which is what DynamoDB's check was modelled on.
func TestIsAmzDateAgreesWithTimeParse(t *testing.T) {
	cases := []string{
		"20240101T000000Z", "20241231T235959Z", "20240229T120000Z", "20230229T120000Z",
		"20240431T000000Z", "20241301T000000Z", "20240001T000000Z", "20240100T000000Z",
		"20240101T240000Z", "20240101T006000Z", "20240101T000060Z", "20240101 000000Z",
		"20240101T000000", "2024010T000000Z", "2024-01-01T00:00:00Z", "", "x0240101T000000Z",
		"19000229T000000Z", "20000229T000000Z", "00000101T000000Z", "20240101T000000z",
	}
	for _, s := range cases {
		_, err := time.Parse(amzDateFormat, s)
		if got, want := isAmzDate(s), err == nil; got != want {
			t.Errorf("isAmzDate(%q) = %v, time.Parse accepts: %v", s, got, want)
		}
	}
}

func FuzzIsAmzDate(f *testing.F) {
	f.Add("20240101T000000Z")
	f.Add("20240230T000000Z")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := time.Parse(amzDateFormat, s)
		if got, want := isAmzDate(s), err == nil; got != want {
			t.Fatalf("isAmzDate(%q) = %v, time.Parse accepts: %v", s, got, want)
		}
	})
}
