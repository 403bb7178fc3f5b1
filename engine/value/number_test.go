package value

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/cockroachdb/apd/v3"

	"github.com/dynabase/dynabase/engine/apierr"
)

// TestNumberGolden replays testdata/numbers.txt.
func TestNumberGolden(t *testing.T) {
	f, err := os.Open("testdata/numbers.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	cases := 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		quoted, want, ok := strings.Cut(text, " => ")
		if !ok {
			t.Fatalf("line %d: no ' => '", line)
		}
		in, err := strconv.Unquote(quoted)
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		cases++
		checkNumber(t, in, want)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cases < 200 {
		t.Fatalf("only %d cases read", cases)
	}
}

// checkNumber checks ParseNumber, String and CanonicalNumber against one
// expectation: canonical text, or "! message".
func checkNumber(t *testing.T, in, want string) {
	t.Helper()
	n, err := ParseNumber(in)
	canon, cerr := CanonicalNumber(in)
	if msg, isErr := strings.CutPrefix(want, "! "); isErr {
		code, got := apierr.Code(err)
		if code != apierr.CodeValidation || got != msg {
			t.Errorf("ParseNumber(%q) error = %q %q, want ValidationException %q", in, code, got, msg)
		}
		if _, got := apierr.Code(cerr); got != msg {
			t.Errorf("CanonicalNumber(%q) error = %q, want %q", in, got, msg)
		}
		return
	}
	if err != nil {
		t.Errorf("ParseNumber(%q) = %v, want %s", in, err, want)
		return
	}
	if got := n.String(); got != want {
		t.Errorf("ParseNumber(%q).String() = %s, want %s", in, got, want)
	}
	if cerr != nil || canon != want {
		t.Errorf("CanonicalNumber(%q) = %q, %v, want %s", in, canon, cerr, want)
	}
	if n.textLen() != len(want) {
		t.Errorf("textLen(%q) = %d, want %d", in, n.textLen(), len(want))
	}
	// The canonical form is a fixed point.
	if again, err := CanonicalNumber(want); err != nil || again != want {
		t.Errorf("CanonicalNumber(%s) = %q, %v: canonical text is not stable", want, again, err)
	}
}

// TestNumberEdges covers inputs the golden file cannot hold conveniently.
func TestNumberEdges(t *testing.T) {
	tests := []struct{ in, want string }{
		// Leading and trailing zeros are not significant, however many.
		{"0." + strings.Repeat("0", 100) + "1", "0." + strings.Repeat("0", 100) + "1"},
		{strings.Repeat("0", 100000) + "7", "7"},
		{"1" + strings.Repeat("0", 125), "1" + strings.Repeat("0", 125)},
		{"1" + strings.Repeat("0", 126), "! " + msgOverflow},
		{"5" + strings.Repeat("0", 1000) + "e-1000", "5"},
		{"1." + strings.Repeat("0", 100000), "1"},
		{strings.Repeat("1", 38) + strings.Repeat("0", 88), strings.Repeat("1", 38) + strings.Repeat("0", 88)},
		// 39 digits once the zeros in the middle count.
		{"1" + strings.Repeat("0", 37) + "1", "! " + msgPrecision},
		{"1" + strings.Repeat("0", 36) + "1", "1" + strings.Repeat("0", 36) + "1"},
		// Not a number wins over too many digits and over overflow.
		{strings.Repeat("9", 100) + "x", "! " + msgNotNumber + ": " + strings.Repeat("9", 100) + "x"},
		{"1e999999999999999999999999", "! " + msgNotNumber + ": 1e999999999999999999999999"},
		{"1e" + strings.Repeat("0", 50000) + "5", "100000"},
		// The int32 scale of Java's BigDecimal bounds the exponent.
		{"1.5e-2147483647", "! " + msgNotNumber + ": 1.5e-2147483647"},
		{"15e-2147483647", "! " + msgUnderflow},
		{"\u0661\u0662", "12"},          // Arabic-Indic digits, as Java reads them
		{"\uff11.\uff15e\uff12", "150"}, // fullwidth
		{"\U0001d7cf", "! " + msgNotNumber + ": \U0001d7cf"},
		{"1\x00", "! " + msgNotNumber + ": 1\x00"},
		{"1\n", "! " + msgNotNumber + ": 1\n"}, // DynamoDB Local agrees
		{"\xff", "! " + msgNotNumber + ": \xff"},
	}
	for _, tt := range tests {
		checkNumber(t, tt.in, tt.want)
	}
}

// TestNumberHostile checks that hostile input costs neither memory nor
// time: nothing is handed to a bignum library before the limits are known.
func TestNumberHostile(t *testing.T) {
	inputs := []string{
		"1e100000000000",
		"1e-100000000000",
		"9" + strings.Repeat("9", 100000),
		"0." + strings.Repeat("0", 100000) + "1",
		strings.Repeat("1", 100000) + "e-99999",
		"1e2147483647",
	}
	for _, in := range inputs {
		allocs := testing.AllocsPerRun(10, func() {
			var n Number
			n.parse(in)
		})
		if allocs != 0 {
			t.Errorf("parse(%.20q...) allocates %v times", in, allocs)
		}
		start := time.Now()
		for range 10 {
			var n Number
			n.parse(in)
		}
		// Linear time is well under a millisecond for 100 KB; the bound is
		// loose because CI machines are shared, and still catches a parse
		// that expands 1e100000000000 or goes quadratic.
		if d := time.Since(start) / 10; d > 250*time.Millisecond {
			t.Errorf("parse(%.20q...) takes %v", in, d)
		}
	}
}

func TestUnicodeDigit(t *testing.T) {
	// Every maximal run of Nd code points is whole sets of ten, which is
	// what unicodeDigit relies on.
	for _, r16 := range unicode.Nd.R16 {
		for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
			if unicode.IsDigit(r - 1) {
				continue
			}
			end := r
			for unicode.IsDigit(end + 1) {
				end++
			}
			if (end-r+1)%10 != 0 {
				t.Errorf("Nd run %U..%U is not whole sets of ten", r, end)
			}
		}
	}
	for r, want := range map[rune]int{'٠': 0, '٩': 9, '５': 5, '߃': 3, 'a': -1, '²': -1, 0x1d7d9: -1} {
		if got := unicodeDigit(r); got != want {
			t.Errorf("unicodeDigit(%U) = %d, want %d", r, got, want)
		}
	}
}

// randomNumber returns valid number text in varied spellings, and
// sometimes zero or the extremes.
func randomNumber(r *rand.Rand) string {
	switch r.IntN(20) {
	case 0:
		return "0"
	case 1:
		return "9.9999999999999999999999999999999999999E+125"
	case 2:
		return "-1E-130"
	}
	nd := 1 + r.IntN(MaxDigits)
	var b strings.Builder
	if r.IntN(2) == 0 {
		b.WriteByte('-')
	}
	b.WriteByte(byte('1' + r.IntN(9)))
	for range nd - 1 {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	adj := MinExponent + r.IntN(MaxExponent-MinExponent+1)
	b.WriteString("e")
	b.WriteString(strconv.Itoa(adj - (nd - 1)))
	// Keep the spelling but vary the digits' exponent within range.
	return b.String()
}

// TestNumberCmp checks Cmp against apd on random numbers, and that equal
// numbers are equal values.
func TestNumberCmp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := randomNumber(r), randomNumber(r)
		if r.IntN(10) == 0 {
			b = a
		}
		x, err := ParseNumber(a)
		if err != nil {
			t.Fatalf("ParseNumber(%s): %v", a, err)
		}
		y, err := ParseNumber(b)
		if err != nil {
			t.Fatalf("ParseNumber(%s): %v", b, err)
		}
		var dx, dy apd.Decimal
		if _, _, err := dx.SetString(a); err != nil {
			t.Fatal(err)
		}
		if _, _, err := dy.SetString(b); err != nil {
			t.Fatal(err)
		}
		want := dx.Cmp(&dy)
		if got := x.Cmp(y); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
		if (x == y) != (want == 0) {
			t.Fatalf("%s == %s is %v, Cmp says %d", a, b, x == y, want)
		}
		// The canonical text denotes the same number.
		var dc apd.Decimal
		if _, _, err := dc.SetString(x.String()); err != nil || dc.Cmp(&dx) != 0 {
			t.Fatalf("String(%s) = %s denotes another number", a, x.String())
		}
		// Decimal round-trips.
		back, err := NumberFromDecimal(x.Decimal())
		if err != nil || back != x {
			t.Fatalf("NumberFromDecimal(Decimal(%s)) = %v, %v", a, back, err)
		}
	}
}

func TestNumberSign(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "-0": 0, "0e5": 0, "-1E-130": -1, "5": 1} {
		n, err := ParseNumber(in)
		if err != nil {
			t.Fatal(err)
		}
		if n.Sign() != want {
			t.Errorf("Sign(%s) = %d, want %d", in, n.Sign(), want)
		}
	}
	var zero Number
	if zero.String() != "0" {
		t.Errorf("zero Number is %q", zero.String())
	}
}

func TestArithmetic(t *testing.T) {
	tests := []struct {
		a, b string
		sub  bool
		want string // result, or "! message"
	}{
		{"0.1", "0.2", false, "0.3"},
		{"1", "10000000000000000000000", false, "10000000000000000000001"},
		{"10000000000000000000000", "1", true, "9999999999999999999999"},
		{"99999999999999999999999999999999999999", "1", false, "100000000000000000000000000000000000000"},
		{"1e125", "1e125", true, "0"},
		{"1E-130", "1E-130", false, "0." + strings.Repeat("0", 129) + "2"},
		{"-5", "5", false, "0"},
		{"-1.5", "2.25", true, "-3.75"},
		// Observed on DynamoDB: a sum that needs more than 38 digits
		// fails with the overflow message (DynamoDB Local: "DynamoDB only
		// supports precision up to 38 digits").
		{"1e50", "1", false, "! " + msgOverflow},
		{"12345678901234567890123456789012345678", "0.5", false, "! " + msgOverflow},
		{"9e125", "9e125", false, "! " + msgOverflow},
		{"9e125", "-9e125", true, "! " + msgOverflow},
		{"2e-130", "1.5e-130", true, "! " + msgUnderflow},
	}
	for _, tt := range tests {
		a, err := ParseNumber(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseNumber(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		op, f := "+", Add
		if tt.sub {
			op, f = "-", Sub
		}
		got, err := f(a, b)
		if msg, isErr := strings.CutPrefix(tt.want, "! "); isErr {
			if _, m := apierr.Code(err); m != msg {
				t.Errorf("%s %s %s: error %v, want %q", tt.a, op, tt.b, err, msg)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("%s %s %s = %s, %v, want %s", tt.a, op, tt.b, got, err, tt.want)
		}
	}
}

func TestNumberFromDecimal(t *testing.T) {
	for in, want := range map[string]string{
		"1.000":                       "1",
		"-0":                          "0",
		"1E+126":                      "! " + msgOverflow,
		"1E-131":                      "! " + msgUnderflow,
		"1" + strings.Repeat("1", 38): "! " + msgPrecision,
		"NaN":                         "! " + msgNotNumber + ": NaN",
		"Infinity":                    "! " + msgNotNumber + ": Infinity",
	} {
		var d apd.Decimal
		if _, _, err := d.SetString(in); err != nil {
			t.Fatal(err)
		}
		n, err := NumberFromDecimal(&d)
		if msg, isErr := strings.CutPrefix(want, "! "); isErr {
			if _, m := apierr.Code(err); m != msg {
				t.Errorf("NumberFromDecimal(%s): error %v, want %q", in, err, msg)
			}
			continue
		}
		if err != nil || n.String() != want {
			t.Errorf("NumberFromDecimal(%s) = %s, %v, want %s", in, n, err, want)
		}
	}
	// Context is a copy: changing it does not change the package's.
	c := Context()
	c.Precision = 3
	if Context().Precision != MaxDigits {
		t.Error("Context returned the shared context")
	}
}

func TestIsCanonical(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "-0": false, "00": false, "1": true, "-1": true, "10": true, "1.5": true,
		"1.50": false, "01": false, "0.5": true, "0.05": true, "-0.05": true, ".5": false, "5.": false,
		"0.": false, "0.0": false, "1e2": false, "+1": false, "": false, "-": false, "1.": false,
		"1" + strings.Repeat("0", 125): true, "1" + strings.Repeat("0", 126): false,
		"0." + strings.Repeat("0", 129) + "1": true, "0." + strings.Repeat("0", 130) + "1": false,
		strings.Repeat("1", 38): true, strings.Repeat("1", 39): false,
		strings.Repeat("1", 38) + "00": true, "1." + strings.Repeat("1", 37): true, "1." + strings.Repeat("1", 38): false,
		"0." + strings.Repeat("1", 38): true, "0." + strings.Repeat("1", 39): false, "1.2.3": false, "1a": false,
		"١": false,
	} {
		if got := isCanonical(s); got != want {
			t.Errorf("isCanonical(%q) = %v, want %v", s, got, want)
		}
	}
}
