package jsonv

import "strconv"

// SyntaxError reports why Parse refused its input and the byte offset, from
// zero, where it noticed.
type SyntaxError struct {
	Offset int
	Msg    string
	// Key is the repeated key when Msg is MsgDuplicate.
	Key string
}

// Error returns "jsonv: <reason> at offset <n>".
func (e *SyntaxError) Error() string {
	return "jsonv: " + e.Msg + " at offset " + strconv.Itoa(e.Offset)
}

// The reasons Parse gives in SyntaxError.Msg. Tests compare against these
// names, never against the text. The exported ones are the limits and the
// duplicate key, which a caller may want to explain in its own words.
const (
	msgEOF          = "unexpected end of input"
	msgValue        = "expected a value"
	msgLiteral      = "invalid literal"
	msgNumber       = "invalid number"
	msgLeadingZero  = "leading zero in number"
	msgRange        = "number out of range"
	msgUnterminated = "unterminated string"
	msgControl      = "control character in string"
	msgEscape       = "invalid escape"
	msgUnicode      = `invalid \u escape`
	msgKey          = "expected string key"
	msgColon        = "expected ':' after key"
	msgArrayNext    = "expected ',' or ']'"
	msgObjectNext   = "expected ',' or '}'"
	MsgDuplicate    = "duplicate key"
	MsgDepth        = "nesting deeper than 64"
	MsgSize         = "input larger than 16 MiB"
	MsgValues       = "more than 262144 values"
	msgTrailing     = "unexpected data after value"
)
