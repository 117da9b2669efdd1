package jsonv

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Limits enforced by Parse. Larger documents are never legitimate input to
// the signer, and running out of memory or stack ends the wasm instance
// where a panic could have been recovered. MaxValues bounds memory, which
// MaxSize alone does not: each Value takes 80 bytes, so 8 MiB of "0," would
// make 4M of them, and measured natively that took 2.2 GB of allocation
// and over 1.7 GB of heap. MaxValues keeps the tree to a few megabytes.
const (
	MaxDepth  = 64       // arrays and objects within one another; MsgDepth matches
	MaxSize   = 16 << 20 // bytes of input; MsgSize matches
	MaxValues = 1 << 18  // values of any kind, containers included; MsgValues matches
)

// Objects with at least this many members find duplicate keys with a map
// instead of a linear scan, so that a large object cannot cost quadratic time.
const dupMapAt = 16

// Parse reads one JSON value, with optional surrounding whitespace, from
// data, which it does not modify or retain. It returns a *SyntaxError when
// data is not RFC 8259 JSON, is longer than MaxSize bytes, nests arrays and
// objects deeper than MaxDepth, holds more than MaxValues values, repeats a
// key within one object, or holds a number beyond float64's range.
func Parse(data []byte) (Value, error) {
	return parse(data, false)
}

// ParseBorrowed is Parse, but a string without escapes (and a number's
// literal) in the result shares data's memory instead of being copied: the
// result is valid only while data is unchanged, and a caller that keeps a
// string longer must copy it (strings.Clone). The wasm bridge parses every call's input this
// way from a buffer it reuses, saving an allocation per key and value.
func ParseBorrowed(data []byte) (Value, error) {
	return parse(data, true)
}

func parse(data []byte, borrow bool) (Value, error) {
	p := parser{data: data, borrow: borrow}
	return p.document()
}

// A Parser parses one document after another into memory it keeps: once
// it has seen a document of a given shape, parsing another allocates
// nothing but unescaped strings. In the wasm bridge the input's tree was
// most of each call's allocation (2.4 KB of 3.5 KB for a presign), and on
// a small machine every allocated byte is paid again in cache misses and
// collection. The zero Parser is ready; it is not safe for concurrent use.
type Parser struct {
	st parser
}

// arenaKeep bounds what a Parser keeps between documents: after an unusually
// large one, its memory is given back instead of held for the next.
const arenaKeep = 4096

// ParseBorrowed is the package's ParseBorrowed, and the result also lives in
// p's memory: it is valid only until p parses the next document or is
// cleared.
func (p *Parser) ParseBorrowed(data []byte) (Value, error) {
	p.Clear()
	st := &p.st
	*st = parser{data: data, borrow: true, arena: true,
		values: st.values[:0], members: st.members[:0], buf: st.buf[:0],
		arrArena: st.arrArena[:0], objArena: st.objArena[:0], strArena: st.strArena[:0]}
	v, err := st.document()
	st.data = nil
	return v, err
}

// Clear zeroes what p keeps of the last document (its tree, and every
// string it had to unescape) and lets go of what an unusually large one
// needed. Afterwards nothing of that document is left in p's memory, nor
// reachable through it: the wasm bridge calls it after each call, so that a
// secret read from the input does not stay in linear memory, and a large
// input can be collected.
func (p *Parser) Clear() {
	st := &p.st
	clear(st.values[:cap(st.values)]) // stacks of the open containers: short
	clear(st.members[:cap(st.members)])
	clear(st.arrArena) // the arenas only grow by append: len covers what was used
	clear(st.objArena)
	clear(st.buf[:cap(st.buf)])
	clear(st.strArena)
	for _, old := range st.oldStr {
		clear(old[:cap(old)])
	}
	st.oldStr = nil
	if cap(st.arrArena) > arenaKeep || cap(st.values) > arenaKeep {
		st.arrArena, st.values = nil, nil
	}
	if cap(st.objArena) > arenaKeep || cap(st.members) > arenaKeep {
		st.objArena, st.members = nil, nil
	}
	if cap(st.buf) > 64<<10 {
		st.buf = nil
	}
	if cap(st.strArena) > 64<<10 {
		st.strArena = nil
	}
	st.data = nil
}

func (p *parser) document() (Value, error) {
	if len(p.data) > MaxSize {
		return Value{}, &SyntaxError{Offset: MaxSize, Msg: MsgSize}
	}
	p.skipSpace()
	v, err := p.value()
	if err != nil {
		return Value{}, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return Value{}, p.fail(msgTrailing)
	}
	return v, nil
}

type parser struct {
	data  []byte
	pos   int
	depth int
	count int    // values started so far
	buf   []byte // reused for strings that need unescaping
	// borrow: strings without escapes alias data (see ParseBorrowed).
	borrow bool
	// Elements and members of the open arrays and objects, innermost last.
	// Each container takes an exact-size copy when it closes, so the tree
	// holds no spare capacity and append's growth is paid once per
	// document, not once per array.
	values  []Value
	members []Member
	// arena: closed containers take their elements from arrArena and
	// objArena (a Parser's memory, reused) instead of an exact-size copy.
	arena    bool
	arrArena []Value
	objArena []Member
	// strArena holds the unescaped strings of an arena document, and
	// oldStr the arenas it outgrew: Clear zeroes them all, so that a
	// string of the input (a secret) leaves no copy in the heap.
	strArena []byte
	oldStr   [][]byte
}

// keep returns a copy of b in p.strArena. A full arena is replaced, not
// grown by append, so that the strings already handed out stay where
// Clear will find them.
func (p *parser) keep(b []byte) string {
	if cap(p.strArena)-len(p.strArena) < len(b) {
		if p.strArena != nil {
			p.oldStr = append(p.oldStr, p.strArena)
		}
		p.strArena = make([]byte, 0, max(len(b), 2*cap(p.strArena), 256))
	}
	start := len(p.strArena)
	p.strArena = append(p.strArena, b...)
	return unsafe.String(unsafe.SliceData(p.strArena[start:]), len(b))
}

func (p *parser) fail(msg string) error {
	return &SyntaxError{Offset: p.pos, Msg: msg}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// next skips whitespace and returns the next byte, or 0 at the end.
func (p *parser) next() byte {
	p.skipSpace()
	if p.pos < len(p.data) {
		return p.data[p.pos]
	}
	return 0
}

func (p *parser) value() (Value, error) {
	if p.pos >= len(p.data) {
		return Value{}, p.fail(msgEOF)
	}
	if p.count++; p.count > MaxValues {
		return Value{}, p.fail(MsgValues)
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.string()
		return Value{Kind: String, Str: s}, err
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return Value{Kind: Bool, Bool: true}, p.literal("true")
	case c == 'f':
		return Value{Kind: Bool}, p.literal("false")
	case c == 'n':
		return Value{}, p.literal("null")
	}
	return Value{}, p.fail(msgValue)
}

func (p *parser) literal(lit string) error {
	for i := 0; i < len(lit); i++ {
		if p.pos >= len(p.data) {
			return p.fail(msgEOF)
		}
		if p.data[p.pos] != lit[i] {
			return p.fail(msgLiteral)
		}
		p.pos++
	}
	return nil
}

// end reports what follows a member or element: true after the closing
// bracket, false after a comma.
func (p *parser) end(closing byte, msg string) (bool, error) {
	switch p.next() {
	case ',':
		p.pos++
		return false, nil
	case closing:
		p.pos++
		p.depth--
		return true, nil
	}
	if p.pos >= len(p.data) {
		return false, p.fail(msgEOF)
	}
	return false, p.fail(msg)
}

func (p *parser) array() (Value, error) {
	if p.depth++; p.depth > MaxDepth {
		return Value{}, p.fail(MsgDepth)
	}
	p.pos++
	v := Value{Kind: Array}
	if p.next() == ']' {
		p.pos++
		p.depth--
		return v, nil
	}
	base := len(p.values)
	for {
		p.skipSpace()
		elem, err := p.value()
		if err != nil {
			return Value{}, err
		}
		p.values = append(p.values, elem)
		if done, err := p.end(']', msgArrayNext); err != nil {
			return Value{}, err
		} else if done {
			v.Arr = closeContainer(p.values[base:], &p.arrArena, p.arena)
			p.values = p.values[:base]
			return v, nil
		}
	}
}

func (p *parser) object() (Value, error) {
	if p.depth++; p.depth > MaxDepth {
		return Value{}, p.fail(MsgDepth)
	}
	p.pos++
	v := Value{Kind: Object}
	if p.next() == '}' {
		p.pos++
		p.depth--
		return v, nil
	}
	base := len(p.members)
	var seen map[string]struct{}
	for {
		if c := p.next(); c != '"' {
			if p.pos >= len(p.data) {
				return Value{}, p.fail(msgEOF)
			}
			return Value{}, p.fail(msgKey)
		}
		at := p.pos
		key, err := p.string()
		if err != nil {
			return Value{}, err
		}
		if duplicate(key, p.members[base:], &seen) {
			// A copy: key may alias data, which the caller may reuse.
			return Value{}, &SyntaxError{Offset: at, Msg: MsgDuplicate, Key: string(append([]byte(nil), key...))}
		}
		if c := p.next(); c != ':' {
			if p.pos >= len(p.data) {
				return Value{}, p.fail(msgEOF)
			}
			return Value{}, p.fail(msgColon)
		}
		p.pos++
		p.skipSpace()
		val, err := p.value()
		if err != nil {
			return Value{}, err
		}
		p.members = append(p.members, Member{Key: key, Value: val})
		if done, err := p.end('}', msgObjectNext); err != nil {
			return Value{}, err
		} else if done {
			v.Obj = closeContainer(p.members[base:], &p.objArena, p.arena)
			p.members = p.members[:base]
			return v, nil
		}
	}
}

// smallInt reads a non-negative integer of at most 15 digits (every input
// number the signer takes: seconds, sizes, epoch milliseconds), exactly and
// without strconv.ParseFloat's general path. lit has passed scanNumber.
func smallInt(lit string) (float64, bool) {
	if len(lit) > 15 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return float64(v), true
}

// closeContainer returns the elements of a closing array or object: an
// exact-size copy, or with useArena a slice of *arena (capacity capped, so
// that appending to it cannot overwrite its neighbours).
func closeContainer[T Value | Member](elems []T, arena *[]T, useArena bool) []T {
	if !useArena {
		return append([]T(nil), elems...)
	}
	start := len(*arena)
	*arena = append(*arena, elems...)
	return (*arena)[start:len(*arena):len(*arena)]
}

// duplicate reports whether key is among the keys of members, and records
// it. Small objects are scanned; from dupMapAt members on, a map in *seen
// keeps a large object from costing quadratic time.
func duplicate(key string, members []Member, seen *map[string]struct{}) bool {
	if *seen == nil && len(members) >= dupMapAt {
		*seen = make(map[string]struct{}, 2*len(members))
		for _, m := range members {
			(*seen)[m.Key] = struct{}{}
		}
	}
	if *seen != nil {
		_, dup := (*seen)[key]
		(*seen)[key] = struct{}{}
		return dup
	}
	for i := range members {
		if members[i].Key == key {
			return true
		}
	}
	return false
}

func (p *parser) number() (Value, error) {
	start := p.pos
	end, msg := scanNumber(p.data, start)
	if msg != "" {
		p.pos = end
		return Value{}, p.fail(msg)
	}
	var lit string
	if p.borrow {
		lit = unsafe.String(&p.data[start], end-start)
	} else {
		lit = string(p.data[start:end])
	}
	f, ok := smallInt(lit)
	if !ok {
		// The grammar was checked above, so the only error left is range:
		// json.Unmarshal refuses such numbers too. Underflow rounds to zero
		// without an error, as it does there.
		var err error
		if f, err = strconv.ParseFloat(lit, 64); err != nil {
			return Value{}, p.fail(msgRange)
		}
	}
	p.pos = end
	return Value{Kind: Number, Str: lit, Num: f}, nil
}

// scanNumber matches the RFC 8259 number grammar
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at s[i:] and returns where
// the number ends, or where it went wrong and why.
func scanNumber[T []byte | string](s T, i int) (int, string) {
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i >= len(s):
		return i, msgEOF
	case s[i] == '0':
		i++
		if i < len(s) && isDigit(s[i]) {
			return i, msgLeadingZero
		}
	case isDigit(s[i]):
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		return i, msgNumber
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || !isDigit(s[i]) {
			return i, msgNumber
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			return i, msgNumber
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i, ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// string reads a string literal starting at its opening quote. It decodes
// like encoding/json: an invalid UTF-8 byte or a surrogate escape that is not
// part of a pair becomes U+FFFD, because the result must be valid text for
// the JavaScript side, and JSON.stringify writes lone surrogates as escapes.
func (p *parser) string() (string, error) {
	p.pos++
	start := p.pos
	for p.pos < len(p.data) {
		if p.pos = skipPlainBytes(p.data, p.pos); p.pos >= len(p.data) {
			break
		}
		c := p.data[p.pos]
		if c == '"' {
			p.pos++
			if p.borrow && p.pos-1 > start {
				return unsafe.String(&p.data[start], p.pos-1-start), nil
			}
			return string(p.data[start : p.pos-1]), nil
		}
		if c == '\\' || c < ' ' {
			break
		}
		if c < utf8.RuneSelf {
			p.pos++
			continue
		}
		r, size := utf8.DecodeRune(p.data[p.pos:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		p.pos += size
	}
	b := append(p.buf[:0], p.data[start:p.pos]...)
	for {
		if p.pos >= len(p.data) {
			return "", p.fail(msgUnterminated)
		}
		switch c := p.data[p.pos]; {
		case c == '"':
			p.pos++
			p.buf = b
			if p.arena {
				return p.keep(b), nil
			}
			return string(b), nil
		case c < ' ':
			return "", p.fail(msgControl)
		case c == '\\':
			var err error
			if b, err = p.escape(b); err != nil {
				return "", err
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			b = utf8.AppendRune(b, r)
			p.pos += size
		}
	}
}

// escape decodes the escape sequence at p.pos onto b.
func (p *parser) escape(b []byte) ([]byte, error) {
	if p.pos+1 >= len(p.data) {
		return b, &SyntaxError{Offset: len(p.data), Msg: msgUnterminated}
	}
	c := p.data[p.pos+1]
	switch c {
	case '"', '\\', '/':
	case 'b':
		c = '\b'
	case 'f':
		c = '\f'
	case 'n':
		c = '\n'
	case 'r':
		c = '\r'
	case 't':
		c = '\t'
	case 'u':
		r, ok := hex4(p.data, p.pos)
		if !ok {
			return b, p.fail(msgUnicode)
		}
		p.pos += 6
		if utf16.IsSurrogate(r) {
			r2, ok := hex4(p.data, p.pos)
			if r = utf16.DecodeRune(r, r2); ok && r != utf8.RuneError {
				p.pos += 6
			}
		}
		return utf8.AppendRune(b, r), nil
	default:
		return b, p.fail(msgEscape)
	}
	p.pos += 2
	return append(b, c), nil
}

// hex4 decodes the \uXXXX escape at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[i+2 : i+6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
