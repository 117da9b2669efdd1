package sigv4

// Wire names of the inputs, shared by validation errors, the wasm bridge and
// the page's form inputs. They are the lowerCamel names of the JS API.
const (
	FieldAccessKeyID        = "accessKeyId"
	FieldSecretAccessKey    = "secretAccessKey"
	FieldSigningKey         = "signingKey"
	FieldSessionToken       = "sessionToken"
	FieldRegion             = "region"
	FieldService            = "service"
	FieldDate               = "date"
	FieldNow                = "now"
	FieldMethod             = "method"
	FieldURL                = "url"
	FieldEndpoint           = "endpoint"
	FieldBucket             = "bucket"
	FieldKey                = "key"
	FieldKeyPrefix          = "keyPrefix"
	FieldAddressing         = "addressing"
	FieldExpires            = "expires"
	FieldMaxExpires         = "maxExpires"
	FieldExpiration         = "expiration"
	FieldQuery              = "query"
	FieldHeaders            = "headers"
	FieldBody               = "body"
	FieldPayloadHash        = "payloadHash"
	FieldFields             = "fields"
	FieldConditions         = "conditions"
	FieldContentLengthRange = "contentLengthRange"
	FieldSubmitLabel        = "submitLabel"
	FieldPolicy             = "policy"
	FieldSignature          = "signature"
)
