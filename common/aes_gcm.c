/* AES-256-GCM (aes_gcm.h). The S-box is computed (multiplicative inverse in GF(2^8), then
 * FIPS 197's affine map) rather than typed in. */
#include <aes_gcm.h>
#include <string.h>

#define NR 14          /* rounds of AES-256 */
#define NK 8           /* key words */
#define ROUND_WORDS (4 * (NR + 1))

static uint8_t sbox[256];
static bool sbox_ready;

static uint8_t rotl8(uint8_t x, unsigned n) { return (uint8_t)(x << n | x >> (8 - n)); }

static uint8_t xtime(uint8_t x) { return (uint8_t)(x << 1 ^ (x & 0x80 ? 0x1b : 0)); }

/* p walks the powers of 3 (a generator), q those of its inverse; sbox[p] is the affine
 * map of q = p^-1 (FIPS 197 §5.1.1). */
static void make_sbox(void)
{
	uint8_t p = 1, q = 1;
	do {
		p = p ^ xtime(p);
		q ^= (uint8_t)(q << 1);
		q ^= (uint8_t)(q << 2);
		q ^= (uint8_t)(q << 4);
		if (q & 0x80)
			q ^= 0x09;
		sbox[p] = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4) ^ 0x63;
	} while (p != 1);
	sbox[0] = 0x63;
	sbox_ready = true;
}

static void expand_key(const uint8_t key[32], uint8_t rk[ROUND_WORDS * 4])
{
	if (!sbox_ready)
		make_sbox();
	memcpy(rk, key, 32);
	uint8_t rcon = 1;
	for (unsigned i = NK; i < ROUND_WORDS; i++) {
		uint8_t t[4];
		memcpy(t, rk + 4 * (i - 1), 4);
		if (i % NK == 0) {
			uint8_t first = t[0];
			t[0] = sbox[t[1]] ^ rcon;
			t[1] = sbox[t[2]];
			t[2] = sbox[t[3]];
			t[3] = sbox[first];
			rcon = xtime(rcon);
		} else if (i % NK == 4) {
			for (unsigned j = 0; j < 4; j++)
				t[j] = sbox[t[j]];
		}
		for (unsigned j = 0; j < 4; j++)
			rk[4 * i + j] = rk[4 * (i - NK) + j] ^ t[j];
	}
}

static void add_round_key(uint8_t s[16], const uint8_t *rk)
{
	for (unsigned i = 0; i < 16; i++)
		s[i] ^= rk[i];
}

/* SubBytes and ShiftRows: byte r of column c moves to column c - r. */
static void sub_shift(uint8_t s[16])
{
	uint8_t t[16];
	for (unsigned c = 0; c < 4; c++)
		for (unsigned r = 0; r < 4; r++)
			t[4 * c + r] = sbox[s[4 * ((c + r) % 4) + r]];
	memcpy(s, t, 16);
}

static void mix_columns(uint8_t s[16])
{
	for (unsigned c = 0; c < 4; c++) {
		uint8_t *col = s + 4 * c, a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
		uint8_t all = a0 ^ a1 ^ a2 ^ a3;
		col[0] ^= all ^ xtime(a0 ^ a1);
		col[1] ^= all ^ xtime(a1 ^ a2);
		col[2] ^= all ^ xtime(a2 ^ a3);
		col[3] ^= all ^ xtime(a3 ^ a0);
	}
}

static void encrypt_block(const uint8_t rk[ROUND_WORDS * 4], const uint8_t in[16], uint8_t out[16])
{
	uint8_t s[16];
	memcpy(s, in, 16);
	add_round_key(s, rk);
	for (unsigned round = 1; round < NR; round++) {
		sub_shift(s);
		mix_columns(s);
		add_round_key(s, rk + 16 * round);
	}
	sub_shift(s);
	add_round_key(s, rk + 16 * NR);
	memcpy(out, s, 16);
}

void aes256_encrypt_block(const uint8_t key[32], const uint8_t in[16], uint8_t out[16])
{
	uint8_t rk[ROUND_WORDS * 4];
	expand_key(key, rk);
	encrypt_block(rk, in, out);
}

/* X = X * H in GF(2^128) with GCM's bit order (SP 800-38D §6.3, algorithm 1). */
static void gf_mul(uint8_t x[16], const uint8_t h[16])
{
	uint8_t z[16] = { 0 }, v[16];
	memcpy(v, h, 16);
	for (unsigned i = 0; i < 128; i++) {
		if (x[i / 8] & (0x80 >> (i % 8)))
			for (unsigned j = 0; j < 16; j++)
				z[j] ^= v[j];
		bool lsb = v[15] & 1;
		for (unsigned j = 15; j > 0; j--)
			v[j] = (uint8_t)(v[j] >> 1 | v[j - 1] << 7);
		v[0] >>= 1;
		if (lsb)
			v[0] ^= 0xe1;
	}
	memcpy(x, z, 16);
}

static void ghash_update(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len)
{
	for (size_t off = 0; off < len; off += 16) {
		size_t n = len - off < 16 ? len - off : 16;
		for (size_t i = 0; i < n; i++)
			y[i] ^= data[off + i];
		gf_mul(y, h);
	}
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (unsigned i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* CTR over `in` from inc32(J0), and the tag over AAD and the ciphertext. */
static void gcm(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
		const uint8_t *in, size_t len, uint8_t *out, bool encrypting, uint8_t tag[16])
{
	uint8_t rk[ROUND_WORDS * 4], h[16] = { 0 }, j0[16], ctr[16], ks[16], y[16] = { 0 };
	expand_key(key, rk);
	encrypt_block(rk, h, h);
	memcpy(j0, iv, 12);
	j0[12] = j0[13] = j0[14] = 0;
	j0[15] = 1;
	memcpy(ctr, j0, 16);
	ghash_update(y, h, aad, aad_len);
	if (!encrypting)
		ghash_update(y, h, in, len);
	for (size_t off = 0; off < len; off += 16) {
		for (int i = 15; i >= 12 && ++ctr[i] == 0; i--)
			;
		encrypt_block(rk, ctr, ks);
		size_t n = len - off < 16 ? len - off : 16;
		for (size_t i = 0; i < n; i++)
			out[off + i] = in[off + i] ^ ks[i];
	}
	if (encrypting)
		ghash_update(y, h, out, len);
	uint8_t lens[16];
	put_be64(lens, (uint64_t)aad_len * 8);
	put_be64(lens + 8, (uint64_t)len * 8);
	ghash_update(y, h, lens, 16);
	encrypt_block(rk, j0, ks);
	for (unsigned i = 0; i < 16; i++)
		tag[i] = ks[i] ^ y[i];
}

void aes256_gcm_encrypt(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
			const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16])
{
	gcm(key, iv, aad, aad_len, in, len, out, true, tag);
}

bool aes256_gcm_decrypt(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
			const uint8_t *in, size_t len, uint8_t *out, const uint8_t tag[16])
{
	uint8_t want[16], diff = 0;
	gcm(key, iv, aad, aad_len, in, len, out, false, want);
	for (unsigned i = 0; i < 16; i++)
		diff |= want[i] ^ tag[i];
	if (diff)
		memset(out, 0, len);
	return diff == 0;
}
