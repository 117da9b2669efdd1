// SHA-256 block function for GOOS=js GOARCH=wasm, in wasm's own 32-bit
// instructions. Go compiles uint32 arithmetic for wasm into 64-bit
// operations with a mask after each, and rotations into shift pairs; written
// with i32.rotr and i32.add, a block takes a fraction of the time (see
// sha256block_wasm.go for the figures). Registers R0-R15 are 64-bit wasm
// locals: each value is read with I32WrapI64 and written back with
// I64ExtendI32U, which V8 compiles to plain 32-bit moves.

#include "textflag.h"

// G pushes register r as an i32; S pops an i32 into register r.
#define G(r) Get r; I32WrapI64
#define S(r) I64ExtendI32U; Set r
#define ROTR(r, n) G(r); I32Const $n; I32Rotr

// LOADW stores message word i (big-endian at p = R1) into W[i] (the frame).
// The byte swap of a little-endian load: rotl 8 keeps bytes 0 and 2 in
// place, rotr 8 bytes 1 and 3.
#define LOADW(i) \
	Get SP; \
	G(R1); I32Load $(i*4); S(R12); \
	ROTR(R12, 24); I32Const $0x00FF00FF; I32And; \
	ROTR(R12, 8); I32Const $-16711936; I32And; I32Or; \
	I32Store $(i*4)

// SCHED computes W[i] = σ1(W[i-2]) + W[i-7] + σ0(W[i-15]) + W[i-16], with
// R14 the address of W[i-16].
#define SCHED \
	G(R14); \
	G(R14); I32Load $56; S(R12); \
	ROTR(R12, 17); ROTR(R12, 19); I32Xor; G(R12); I32Const $10; I32ShrU; I32Xor; \
	G(R14); I32Load $36; I32Add; \
	G(R14); I32Load $4; S(R13); \
	ROTR(R13, 7); ROTR(R13, 18); I32Xor; G(R13); I32Const $3; I32ShrU; I32Xor; I32Add; \
	G(R14); I32Load $0; I32Add; \
	I32Store $64

// ROUND is one round with the working variables in registers a..h:
// t1 = h + Σ1(e) + Ch(e,f,g) + K[i] + W[i]; d += t1; h = t1 + Σ0(a) + Maj(a,b,c).
// R14 and R15 point at W and K of the round group; off is the round's.
#define ROUND(a, b, c, d, e, f, g, h, off) \
	ROTR(e, 6); ROTR(e, 11); I32Xor; ROTR(e, 25); I32Xor; \
	G(f); G(g); I32Xor; G(e); I32And; G(g); I32Xor; I32Add; \
	G(h); I32Add; \
	G(R14); I32Load $off; I32Add; \
	G(R15); I32Load $off; I32Add; \
	S(R12); \
	G(d); G(R12); I32Add; S(d); \
	ROTR(a, 2); ROTR(a, 13); I32Xor; ROTR(a, 22); I32Xor; \
	G(a); G(b); I32And; G(c); G(a); G(b); I32Or; I32And; I32Or; I32Add; \
	G(R12); I32Add; S(h)

// STATE loads or adds word i of the state (at R0) and register r.
#define LOADH(i, r) G(R0); I64Load32U $(i*4); Set r
#define ADDH(i, r) G(R0); G(R0); I32Load $(i*4); G(r); I32Add; I32Store $(i*4)

// NEXT adds step to register r and loops again while r is below SP+end.
#define NEXT(r, step, end) \
	Get r; I64Const $step; I64Add; Tee r; \
	Get SP; I64ExtendI32U; I64Const $end; I64Add; I64LtU; BrIf $0

// ZERO8 clears the frame's W from byte off to off+63.
#define ZERO8(off) \
	Get SP; I64Const $0; I64Store $(off); Get SP; I64Const $0; I64Store $(off+8); \
	Get SP; I64Const $0; I64Store $(off+16); Get SP; I64Const $0; I64Store $(off+24); \
	Get SP; I64Const $0; I64Store $(off+32); Get SP; I64Const $0; I64Store $(off+40); \
	Get SP; I64Const $0; I64Store $(off+48); Get SP; I64Const $0; I64Store $(off+56)

// func sha256BlocksWasm(h *[8]uint32, p *byte, n int, k *[64]uint32)
TEXT ·sha256BlocksWasm(SB), NOSPLIT, $256-32
	MOVD h+0(FP), R0
	MOVD p+8(FP), R1
	MOVD n+16(FP), R2
	MOVD k+24(FP), R3

	Block
	Loop
		Get R2
		I64Const $64
		I64LtU
		BrIf $1

		LOADW(0); LOADW(1); LOADW(2); LOADW(3)
		LOADW(4); LOADW(5); LOADW(6); LOADW(7)
		LOADW(8); LOADW(9); LOADW(10); LOADW(11)
		LOADW(12); LOADW(13); LOADW(14); LOADW(15)

		Get SP
		I64ExtendI32U
		Set R14
		Loop
			SCHED
			NEXT(R14, 4, 192)
		End

		LOADH(0, R4); LOADH(1, R5); LOADH(2, R6); LOADH(3, R7)
		LOADH(4, R8); LOADH(5, R9); LOADH(6, R10); LOADH(7, R11)

		Get SP
		I64ExtendI32U
		Set R14
		Get R3
		Set R15
		Loop
			ROUND(R4, R5, R6, R7, R8, R9, R10, R11, 0)
			ROUND(R11, R4, R5, R6, R7, R8, R9, R10, 4)
			ROUND(R10, R11, R4, R5, R6, R7, R8, R9, 8)
			ROUND(R9, R10, R11, R4, R5, R6, R7, R8, 12)
			ROUND(R8, R9, R10, R11, R4, R5, R6, R7, 16)
			ROUND(R7, R8, R9, R10, R11, R4, R5, R6, 20)
			ROUND(R6, R7, R8, R9, R10, R11, R4, R5, 24)
			ROUND(R5, R6, R7, R8, R9, R10, R11, R4, 28)
			Get R15
			I64Const $32
			I64Add
			Set R15
			NEXT(R14, 32, 256)
		End

		ADDH(0, R4); ADDH(1, R5); ADDH(2, R6); ADDH(3, R7)
		ADDH(4, R8); ADDH(5, R9); ADDH(6, R10); ADDH(7, R11)

		Get R1
		I64Const $64
		I64Add
		Set R1
		Get R2
		I64Const $64
		I64Sub
		Set R2
		Br $0
	End
	End

	// W, in the frame, holds the last block's message words: when the
	// block was a key (the secret, for kDate) it would stay readable in
	// linear memory after the call.
	ZERO8(0); ZERO8(64); ZERO8(128); ZERO8(192)
	RET
