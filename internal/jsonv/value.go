package jsonv

import "strconv"

// Kind is the type of a JSON value. The zero Kind is Null.
type Kind uint8

// The kinds of JSON value.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String returns the JavaScript name of k ("null", "boolean", "number",
// "string", "array", "object"), for messages read on the page.
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one JSON value. Only the fields for its Kind are meaningful.
// The zero Value is null.
type Value struct {
	Kind Kind
	Bool bool
	// Str is the decoded text of a String and the literal of a Number as
	// written in the input ("1e3", "-0.5"), so that a number keeps its exact
	// digits when it is written back.
	Str string
	// Num is a Number's value.
	Num float64
	Arr []Value
	// Obj holds an Object's members in input order.
	Obj []Member
}

// Member is one key and value of an Object.
type Member struct {
	Key   string
	Value Value
}

// Get returns the member of Object v with the given key and true, or the
// zero Value and false when v is not an Object or has no such member.
func (v Value) Get(key string) (Value, bool) {
	if v.Kind != Object {
		return Value{}, false
	}
	for i := range v.Obj {
		if v.Obj[i].Key == key {
			return v.Obj[i].Value, true
		}
	}
	return Value{}, false
}
