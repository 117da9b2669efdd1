package sigv4

import (
	"errors"
	"strconv"
)

// Reasons a FieldError can carry. Test for them with errors.Is; their text is
// the stable, kebab-case code the wasm bridge sends to JavaScript.
var (
	// ErrMissing: a required input was not given.
	ErrMissing = errors.New("missing")
	// ErrMalformed: an input was given but cannot be parsed or holds forbidden characters.
	ErrMalformed = errors.New("malformed")
	// ErrOutOfRange: an input parses but lies outside the allowed bounds.
	ErrOutOfRange = errors.New("out-of-range")
	// ErrUnsupported: an input asks for something this package does not do.
	ErrUnsupported = errors.New("unsupported")
)

// FieldError is one problem with one input field. Field is the wire name of
// the input ("expires", "headers.Content-Type", "conditions[2]"); Message is a
// short phrase that reads well after the field's label. Neither ever contains
// the value of the input, so a secret cannot leak through an error.
type FieldError struct {
	Field   string
	Reason  error
	Message string
}

func (e *FieldError) Error() string {
	return "sigv4: " + e.Field + ": " + e.Message
}

// Unwrap returns the reason, so errors.Is(err, ErrMissing) works.
func (e *FieldError) Unwrap() error { return e.Reason }

// Code is the stable machine-readable code of the reason: "missing",
// "malformed", "out-of-range" or "unsupported".
func (e *FieldError) Code() string {
	if e.Reason == nil {
		return "malformed"
	}
	return e.Reason.Error()
}

// ValidationError holds every problem found in one input, so a form can mark
// all bad fields at once instead of one per attempt.
type ValidationError struct {
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	if len(e.Errors) == 0 {
		return "sigv4: invalid input"
	}
	msg := e.Errors[0].Error()
	if n := len(e.Errors) - 1; n > 0 {
		msg += " (and " + strconv.Itoa(n) + " more)"
	}
	return msg
}

// Unwrap exposes every FieldError to errors.Is and errors.As.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Errors))
	for i := range e.Errors {
		errs[i] = &e.Errors[i]
	}
	return errs
}

// problems collects FieldErrors while an input is validated.
type problems struct {
	list []FieldError
}

func (p *problems) add(field string, reason error, message string) {
	p.list = append(p.list, FieldError{Field: field, Reason: reason, Message: message})
}

// invalid is a problem found where the field's wire name is not known (a
// URL parsed for the url, endpoint or a policy condition): the caller files
// it under that name with addErr.
func invalid(reason error, message string) error {
	return &FieldError{Reason: reason, Message: message}
}

// addErr files err, made by invalid, under field.
func (p *problems) addErr(field string, err error) {
	e := *err.(*FieldError)
	e.Field = field
	p.list = append(p.list, e)
}

func (p *problems) has(field string) bool {
	for _, e := range p.list {
		if e.Field == field {
			return true
		}
	}
	return false
}

// err returns nil when nothing was found, else a *ValidationError.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Errors: p.list}
}
