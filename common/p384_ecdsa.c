/* ECDSA P-384 (p384_ecdsa.h). Field and scalar arithmetic share one Montgomery
 * multiplication (R = 2^384) over a modulus description; points are Jacobian with the
 * a = -3 doubling; inverses are Fermat's a^(m-2). */
#include <p384_ecdsa.h>
#include <sha384.h>
#include <string.h>

#define LIMBS 12
typedef uint32_t num[LIMBS]; /* little-endian 32-bit limbs */

struct modulus {
	num m, r2;       /* the modulus, R^2 mod m */
	uint32_t m0inv;  /* -m^-1 mod 2^32 */
	num one;         /* 1 in Montgomery form: R mod m */
};

/* FIPS 186-4 D.1.2.4. */
static const char p_hex[] = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
			    "ffffffff0000000000000000ffffffff";
static const char n_hex[] = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
			    "581a0db248b0a77aecec196accc52973";
static const char gx_hex[] = "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
			     "5502f25dbf55296c3a545e3872760ab7";
static const char gy_hex[] = "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0"
			     "0a60b1ce1d7e819d7a431d7c90ea0e5f";

static struct modulus field, order;
static num gx, gy; /* Montgomery form mod p */
static bool ready;

static void num_from_be(num out, const uint8_t in[P384_BYTES])
{
	for (unsigned i = 0; i < LIMBS; i++) {
		const uint8_t *b = in + P384_BYTES - 4 * (i + 1);
		out[i] = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	}
}

static void num_to_be(uint8_t out[P384_BYTES], const num in)
{
	for (unsigned i = 0; i < LIMBS; i++)
		for (unsigned j = 0; j < 4; j++)
			out[P384_BYTES - 1 - 4 * i - j] = (uint8_t)(in[i] >> (8 * j));
}

static void num_from_hex(num out, const char *hex)
{
	uint8_t b[P384_BYTES];
	for (unsigned i = 0; i < P384_BYTES; i++) {
		uint8_t v = 0;
		for (unsigned j = 0; j < 2; j++) {
			char c = hex[2 * i + j];
			v = (uint8_t)(v << 4 | (c <= '9' ? c - '0' : c - 'a' + 10));
		}
		b[i] = v;
	}
	num_from_be(out, b);
}

static bool num_is_zero(const num a)
{
	uint32_t acc = 0;
	for (unsigned i = 0; i < LIMBS; i++)
		acc |= a[i];
	return !acc;
}

static int num_cmp(const num a, const num b)
{
	for (unsigned i = LIMBS; i-- > 0;)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static uint32_t num_add(num out, const num a, const num b)
{
	uint64_t c = 0;
	for (unsigned i = 0; i < LIMBS; i++) {
		c += (uint64_t)a[i] + b[i];
		out[i] = (uint32_t)c;
		c >>= 32;
	}
	return (uint32_t)c;
}

static uint32_t num_sub(num out, const num a, const num b)
{
	uint64_t borrow = 0;
	for (unsigned i = 0; i < LIMBS; i++) {
		uint64_t d = (uint64_t)a[i] - b[i] - borrow;
		out[i] = (uint32_t)d;
		borrow = d >> 63;
	}
	return (uint32_t)borrow;
}

/* a, b < m. */
static void mod_add(num out, const num a, const num b, const struct modulus *M)
{
	num t;
	uint32_t carry = num_add(t, a, b);
	if (carry || num_cmp(t, M->m) >= 0)
		num_sub(t, t, M->m);
	memcpy(out, t, sizeof(num));
}

static void mod_sub(num out, const num a, const num b, const struct modulus *M)
{
	num t;
	if (num_sub(t, a, b))
		num_add(t, t, M->m);
	memcpy(out, t, sizeof(num));
}

/* a * b * R^-1 mod m (CIOS: each row of the product reduced by one limb at once). */
static void mont_mul(num out, const num a, const num b, const struct modulus *M)
{
	uint32_t t[LIMBS + 2] = { 0 };
	for (unsigned i = 0; i < LIMBS; i++) {
		uint64_t c = 0;
		for (unsigned j = 0; j < LIMBS; j++) {
			c += (uint64_t)t[j] + (uint64_t)a[j] * b[i];
			t[j] = (uint32_t)c;
			c >>= 32;
		}
		c += t[LIMBS];
		t[LIMBS] = (uint32_t)c;
		t[LIMBS + 1] = (uint32_t)(c >> 32);
		uint32_t q = t[0] * M->m0inv;
		c = ((uint64_t)t[0] + (uint64_t)q * M->m[0]) >> 32;
		for (unsigned j = 1; j < LIMBS; j++) {
			c += (uint64_t)t[j] + (uint64_t)q * M->m[j];
			t[j - 1] = (uint32_t)c;
			c >>= 32;
		}
		c += t[LIMBS];
		t[LIMBS - 1] = (uint32_t)c;
		t[LIMBS] = t[LIMBS + 1] + (uint32_t)(c >> 32);
	}
	num r;
	memcpy(r, t, sizeof(num));
	if (t[LIMBS] || num_cmp(r, M->m) >= 0)
		num_sub(r, r, M->m);
	memcpy(out, r, sizeof(num));
}

static void modulus_init(struct modulus *M, const char *hex)
{
	num_from_hex(M->m, hex);
	uint32_t inv = 1; /* Newton: each step doubles the correct low bits of m^-1 */
	for (unsigned i = 0; i < 5; i++)
		inv *= 2 - M->m[0] * inv;
	M->m0inv = -inv;
	num x = { 1 };
	for (unsigned i = 0; i < 2 * 32 * LIMBS; i++) /* 2^768 mod m by doubling */
		mod_add(x, x, x, M);
	memcpy(M->r2, x, sizeof(num));
	num one = { 1 };
	mont_mul(M->one, one, M->r2, M);
}

static void to_mont(num out, const num a, const struct modulus *M) { mont_mul(out, a, M->r2, M); }

static void from_mont(num out, const num a, const struct modulus *M)
{
	num one = { 1 };
	mont_mul(out, a, one, M);
}

/* a^(m-2): the inverse of a (Montgomery form in and out; m prime). */
static void mod_inv(num out, const num a, const struct modulus *M)
{
	num e, two = { 2 }, r;
	num_sub(e, M->m, two);
	memcpy(r, M->one, sizeof(num));
	for (unsigned bit = 32 * LIMBS; bit-- > 0;) {
		mont_mul(r, r, r, M);
		if (e[bit / 32] >> (bit % 32) & 1)
			mont_mul(r, r, a, M);
	}
	memcpy(out, r, sizeof(num));
}

static void init(void)
{
	if (ready)
		return;
	modulus_init(&field, p_hex);
	modulus_init(&order, n_hex);
	num g;
	num_from_hex(g, gx_hex);
	to_mont(gx, g, &field);
	num_from_hex(g, gy_hex);
	to_mont(gy, g, &field);
	ready = true;
}

/* Jacobian point (x / z^2, y / z^3), Montgomery form mod p; z = 0 is the point at
 * infinity. */
struct point {
	num x, y, z;
};

static void fmul(num o, const num a, const num b) { mont_mul(o, a, b, &field); }
static void fadd(num o, const num a, const num b) { mod_add(o, a, b, &field); }
static void fsub(num o, const num a, const num b) { mod_sub(o, a, b, &field); }

/* dbl-2001-b (a = -3): delta = Z^2, gamma = Y^2, beta = X gamma,
 * alpha = 3 (X - delta)(X + delta); X3 = alpha^2 - 8 beta,
 * Z3 = (Y + Z)^2 - gamma - delta, Y3 = alpha (4 beta - X3) - 8 gamma^2. */
static void point_double(struct point *r, const struct point *p)
{
	if (num_is_zero(p->z)) {
		*r = *p;
		return;
	}
	num delta, gamma, beta, alpha, t, u;
	fmul(delta, p->z, p->z);
	fmul(gamma, p->y, p->y);
	fmul(beta, p->x, gamma);
	fsub(t, p->x, delta);
	fadd(u, p->x, delta);
	fmul(alpha, t, u);
	fadd(t, alpha, alpha);
	fadd(alpha, t, alpha);
	struct point o;
	fadd(t, p->y, p->z);
	fmul(t, t, t);
	fsub(t, t, gamma);
	fsub(o.z, t, delta);
	fadd(beta, beta, beta);
	fadd(beta, beta, beta); /* 4 beta */
	fmul(o.x, alpha, alpha);
	fsub(o.x, o.x, beta);
	fsub(o.x, o.x, beta);
	fsub(t, beta, o.x);
	fmul(t, alpha, t);
	fmul(u, gamma, gamma);
	fadd(u, u, u);
	fadd(u, u, u);
	fadd(u, u, u); /* 8 gamma^2 */
	fsub(o.y, t, u);
	*r = o;
}

/* add-2007-bl, with the doubling and infinity cases. */
static void point_add(struct point *r, const struct point *p, const struct point *q)
{
	if (num_is_zero(p->z)) {
		*r = *q;
		return;
	}
	if (num_is_zero(q->z)) {
		*r = *p;
		return;
	}
	num z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t;
	fmul(z1z1, p->z, p->z);
	fmul(z2z2, q->z, q->z);
	fmul(u1, p->x, z2z2);
	fmul(u2, q->x, z1z1);
	fmul(s1, p->y, q->z);
	fmul(s1, s1, z2z2);
	fmul(s2, q->y, p->z);
	fmul(s2, s2, z1z1);
	fsub(h, u2, u1);
	fsub(rr, s2, s1);
	if (num_is_zero(h)) {
		if (num_is_zero(rr)) {
			point_double(r, p);
		} else {
			memset(r, 0, sizeof(*r));
		}
		return;
	}
	struct point o;
	fadd(i, h, h);
	fmul(i, i, i);
	fmul(j, h, i);
	fadd(rr, rr, rr);
	fmul(v, u1, i);
	fmul(o.x, rr, rr);
	fsub(o.x, o.x, j);
	fsub(o.x, o.x, v);
	fsub(o.x, o.x, v);
	fsub(t, v, o.x);
	fmul(o.y, rr, t);
	fmul(t, s1, j);
	fadd(t, t, t);
	fsub(o.y, o.y, t);
	fadd(t, p->z, q->z);
	fmul(t, t, t);
	fsub(t, t, z1z1);
	fsub(t, t, z2z2);
	fmul(o.z, t, h);
	*r = o;
}

/* k * G, affine, out of Montgomery form. False for the point at infinity. */
static bool base_mul(const num k, num x, num y)
{
	struct point acc = { 0 }, g = { 0 };
	memcpy(g.x, gx, sizeof(num));
	memcpy(g.y, gy, sizeof(num));
	memcpy(g.z, field.one, sizeof(num));
	for (unsigned bit = 32 * LIMBS; bit-- > 0;) {
		point_double(&acc, &acc);
		if (k[bit / 32] >> (bit % 32) & 1)
			point_add(&acc, &acc, &g);
	}
	if (num_is_zero(acc.z))
		return false;
	num zinv, zinv2, t;
	mod_inv(zinv, acc.z, &field);
	fmul(zinv2, zinv, zinv);
	fmul(t, acc.x, zinv2);
	from_mont(x, t, &field);
	fmul(zinv2, zinv2, zinv);
	fmul(t, acc.y, zinv2);
	from_mont(y, t, &field);
	return true;
}

static bool scalar_in_range(const num k)
{
	return !num_is_zero(k) && num_cmp(k, order.m) < 0;
}

bool p384_public_key(const uint8_t d[P384_BYTES], uint8_t x[P384_BYTES], uint8_t y[P384_BYTES])
{
	init();
	num k, px, py;
	num_from_be(k, d);
	if (!scalar_in_range(k) || !base_mul(k, px, py))
		return false;
	num_to_be(x, px);
	num_to_be(y, py);
	return true;
}

/* bits2octets (RFC 6979 §2.3.4): the digest as a number mod n, 48 bytes; qlen = hlen =
 * 384, so bits2int takes the digest whole and one subtraction reduces it. */
static void digest_mod_n(num out, const uint8_t digest[P384_BYTES])
{
	num_from_be(out, digest);
	if (num_cmp(out, order.m) >= 0)
		num_sub(out, out, order.m);
}

/* RFC 6979 §3.2 steps b-h with HMAC-SHA-384; `reject` candidates are skipped first (the
 * caller asks again when r or s came out 0). */
static void rfc6979_k(const uint8_t d[P384_BYTES], const uint8_t digest[P384_BYTES], unsigned reject,
		      num k)
{
	uint8_t v[P384_BYTES], key[P384_BYTES], h1[P384_BYTES];
	num e;
	init();
	digest_mod_n(e, digest);
	num_to_be(h1, e);
	memset(v, 0x01, sizeof(v));
	memset(key, 0x00, sizeof(key));
	for (uint8_t sep = 0; sep <= 1; sep++) {
		const void *parts[] = { v, &sep, d, h1 };
		const size_t lens[] = { sizeof(v), 1, P384_BYTES, sizeof(h1) };
		hmac_sha384_parts(key, sizeof(key), parts, lens, 4, key);
		hmac_sha384(key, sizeof(key), v, sizeof(v), v);
	}
	for (;;) {
		hmac_sha384(key, sizeof(key), v, sizeof(v), v);
		num_from_be(k, v);
		if (scalar_in_range(k) && reject-- == 0)
			return;
		uint8_t zero = 0;
		const void *parts[] = { v, &zero };
		const size_t lens[] = { sizeof(v), 1 };
		hmac_sha384_parts(key, sizeof(key), parts, lens, 2, key);
		hmac_sha384(key, sizeof(key), v, sizeof(v), v);
	}
}

void p384_rfc6979_nonce(const uint8_t d[P384_BYTES], const uint8_t digest[P384_BYTES],
			uint8_t k_out[P384_BYTES])
{
	num k;
	rfc6979_k(d, digest, 0, k);
	num_to_be(k_out, k);
}

/* FIPS 186-4 §6.4: r = (kG).x mod n, s = k^-1 (e + r d) mod n, both non-zero. */
bool p384_ecdsa_sign(const uint8_t d[P384_BYTES], const uint8_t digest[P384_BYTES],
		     uint8_t r_out[P384_BYTES], uint8_t s_out[P384_BYTES])
{
	init();
	num dn, e, k, x, y, r, s, t;
	num_from_be(dn, d);
	if (!scalar_in_range(dn))
		return false;
	digest_mod_n(e, digest);
	for (unsigned attempt = 0;; attempt++) {
		rfc6979_k(d, digest, attempt, k);
		if (!base_mul(k, x, y))
			continue;
		memcpy(r, x, sizeof(num));
		if (num_cmp(r, order.m) >= 0)
			num_sub(r, r, order.m);
		if (num_is_zero(r))
			continue;
		num km, rm, dm, em;
		to_mont(km, k, &order);
		to_mont(rm, r, &order);
		to_mont(dm, dn, &order);
		to_mont(em, e, &order);
		mont_mul(t, rm, dm, &order);
		mod_add(t, t, em, &order);
		mod_inv(km, km, &order);
		mont_mul(t, km, t, &order);
		from_mont(s, t, &order);
		if (num_is_zero(s))
			continue;
		num_to_be(r_out, r);
		num_to_be(s_out, s);
		return true;
	}
}
