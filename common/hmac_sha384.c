/* HMAC-SHA-384 (FIPS 198-1): H((K ^ opad) || H((K ^ ipad) || text)), a key longer than a
 * block hashed first. */
#include <sha384.h>
#include <string.h>

void hmac_sha384_parts(const uint8_t *key, size_t key_len, const void *const *parts,
		       const size_t *lens, size_t n, uint8_t out[SHA384_DIGEST_LEN])
{
	uint8_t k[SHA384_BLOCK_LEN] = { 0 }, pad[SHA384_BLOCK_LEN], inner[SHA384_DIGEST_LEN];
	struct sha384_ctx c;
	if (key_len > SHA384_BLOCK_LEN)
		sha384(key, key_len, k);
	else
		memcpy(k, key, key_len);
	for (unsigned i = 0; i < SHA384_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x36;
	sha384_init(&c);
	sha384_update(&c, pad, sizeof(pad));
	for (size_t i = 0; i < n; i++)
		sha384_update(&c, parts[i], lens[i]);
	sha384_final(&c, inner);
	for (unsigned i = 0; i < SHA384_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x5c;
	sha384_init(&c);
	sha384_update(&c, pad, sizeof(pad));
	sha384_update(&c, inner, sizeof(inner));
	sha384_final(&c, out);
}

void hmac_sha384(const uint8_t *key, size_t key_len, const void *data, size_t len,
		 uint8_t out[SHA384_DIGEST_LEN])
{
	hmac_sha384_parts(key, key_len, &data, &len, 1, out);
}
