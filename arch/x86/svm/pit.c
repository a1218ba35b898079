/* The 8254 PIT's register model (see x86/pit.h). */
#include <x86/pit.h>

#define NS_PER_S 1000000000ull
enum { RW_LATCH = 0, RW_LSB = 1, RW_MSB = 2, RW_WORD = 3 };

static uint64_t ticks(const struct pit_channel *c, uint64_t now_ns)
{
	if (now_ns <= c->load_ns)
		return 0;
	return (uint64_t)((unsigned __int128)(now_ns - c->load_ns) * PIT_HZ / NS_PER_S);
}

/* The time of tick `n` after the load (rounded up to the nanosecond). */
static uint64_t tick_ns(const struct pit_channel *c, uint64_t n)
{
	return c->load_ns + (uint64_t)(((unsigned __int128)n * NS_PER_S + PIT_HZ - 1) / PIT_HZ);
}

static void load(struct pit_channel *c, uint16_t raw, uint64_t now_ns)
{
	c->count = raw ? raw : 0x10000;
	c->load_ns = now_ns;
	c->irqs = 0;
	c->null_count = false;
}

static void channel_reset(struct pit_channel *c, uint8_t mode, bool gate)
{
	*c = (struct pit_channel){ .mode = mode, .rw = RW_WORD, .gate = gate };
	load(c, 0, 0);
}

void pit_reset(struct pit *p)
{
	*p = (struct pit){ 0 };
	channel_reset(&p->ch[0], 2, true);
	channel_reset(&p->ch[1], 3, true);
	channel_reset(&p->ch[2], 3, false);
}

static uint16_t current(const struct pit_channel *c, uint64_t now_ns)
{
	uint64_t d = ticks(c, now_ns);
	switch (c->mode) {
	case 2: return (uint16_t)(c->count - d % c->count);
	case 3: return (uint16_t)(c->count - (2 * d) % c->count);
	default: return (uint16_t)(c->count - d); /* 0, 1, 4, 5 count down and wrap */
	}
}

static bool out(const struct pit_channel *c, uint64_t now_ns)
{
	uint64_t d = ticks(c, now_ns);
	switch (c->mode) {
	case 0: return d >= c->count;
	case 1: return d < c->count;
	case 2: return d % c->count != c->count - 1 || c->count == 1;
	case 3: return d % c->count < (c->count + 1) / 2;
	default: return d != c->count; /* 4, 5: low for the one tick at terminal count */
	}
}

static void latch_count(struct pit_channel *c, uint64_t now_ns)
{
	if (c->latched)
		return; /* the first latch holds until read */
	c->latch = current(c, now_ns);
	c->latched = true;
	c->latch_msb = c->rw == RW_MSB;
}

static void control(struct pit *p, uint8_t val, uint64_t now_ns)
{
	unsigned sc = val >> 6, rw = (val >> 4) & 3;
	if (sc == 3) { /* read-back */
		for (unsigned i = 0; i < 3; i++) {
			struct pit_channel *c = &p->ch[i];
			if (!(val & (2u << i)))
				continue;
			if (!(val & 0x20))
				latch_count(c, now_ns);
			if (!(val & 0x10) && !c->status_latched) {
				c->status = (uint8_t)(out(c, now_ns) << 7 | c->null_count << 6 |
						      c->rw << 4 | c->mode << 1 | c->bcd);
				c->status_latched = true;
			}
		}
		return;
	}
	struct pit_channel *c = &p->ch[sc];
	if (rw == RW_LATCH) {
		latch_count(c, now_ns);
		return;
	}
	c->rw = (uint8_t)rw;
	c->mode = (val >> 1) & 7;
	if (c->mode > 5)
		c->mode -= 4; /* 110b and 111b are modes 2 and 3 */
	c->bcd = val & 1;
	c->write_msb = c->read_msb = false;
	c->null_count = true;
	/* Mode 0's OUT goes low at the control word and stays low until the count is
	 * reached: nothing runs until a count is written. */
	if (c->mode == 0)
		c->load_ns = UINT64_MAX / 2;
}

void pit_write(struct pit *p, unsigned off, uint8_t val, uint64_t now_ns)
{
	if (off == 3) {
		control(p, val, now_ns);
		return;
	}
	if (off > 2)
		return;
	struct pit_channel *c = &p->ch[off];
	switch (c->rw) {
	case RW_LSB: load(c, val, now_ns); break;
	case RW_MSB: load(c, (uint16_t)(val << 8), now_ns); break;
	default:
		if (!c->write_msb) {
			c->write_lsb = val;
			c->write_msb = true;
		} else {
			load(c, (uint16_t)(c->write_lsb | val << 8), now_ns);
			c->write_msb = false;
		}
	}
}

static uint8_t byte_of(uint16_t v, bool msb) { return (uint8_t)(msb ? v >> 8 : v); }

uint8_t pit_read(struct pit *p, unsigned off, uint64_t now_ns)
{
	if (off > 2)
		return 0xFF; /* the control word is write-only */
	struct pit_channel *c = &p->ch[off];
	if (c->status_latched) {
		c->status_latched = false;
		return c->status;
	}
	if (c->latched) {
		uint8_t b = byte_of(c->latch, c->latch_msb);
		if (c->rw == RW_WORD && !c->latch_msb)
			c->latch_msb = true;
		else
			c->latched = false;
		return b;
	}
	uint16_t v = current(c, now_ns);
	switch (c->rw) {
	case RW_MSB: return byte_of(v, true);
	case RW_WORD: {
		uint8_t b = byte_of(v, c->read_msb);
		c->read_msb = !c->read_msb;
		return b;
	}
	default: return byte_of(v, false);
	}
}

uint8_t pit_port_b_read(struct pit *p, uint64_t now_ns)
{
	struct pit_channel *c = &p->ch[2];
	p->refresh = !p->refresh;
	return (uint8_t)(c->gate | p->speaker_data << 1 | p->refresh << 4 | out(c, now_ns) << 5);
}

void pit_port_b_write(struct pit *p, uint8_t val, uint64_t now_ns)
{
	struct pit_channel *c = &p->ch[2];
	bool gate = val & 1;
	if (gate && !c->gate && c->mode != 0 && c->mode != 4) {
		c->load_ns = now_ns; /* a rising gate restarts modes 1, 2, 3, 5 */
		c->irqs = 0;
	}
	c->gate = gate;
	p->speaker_data = val & 2;
}

/* Channel 0's rising edges of OUT up to tick `d` after its load. */
static uint64_t edges(const struct pit_channel *c, uint64_t d)
{
	switch (c->mode) {
	case 0: return d >= c->count;             /* once, at terminal count */
	case 2: return c->count > 1 ? d / c->count : 0;  /* after each low tick */
	case 3: return d / c->count;              /* at each period's start */
	case 4: return d > c->count;              /* after the strobe */
	default: return 0;                        /* 1, 5: need a gate trigger */
	}
}

uint64_t pit_irq_next_ns(const struct pit *p)
{
	const struct pit_channel *c = &p->ch[0];
	if (c->load_ns >= UINT64_MAX / 2)
		return UINT64_MAX;
	uint64_t n = c->irqs + 1, d;
	switch (c->mode) {
	case 0: d = c->count; if (c->irqs) return UINT64_MAX; break;
	case 4: d = c->count + 1; if (c->irqs) return UINT64_MAX; break;
	case 2: case 3: d = n * c->count; break;
	default: return UINT64_MAX;
	}
	return tick_ns(c, d);
}

bool pit_irq_poll(struct pit *p, uint64_t now_ns)
{
	struct pit_channel *c = &p->ch[0];
	if (c->load_ns >= UINT64_MAX / 2)
		return false;
	uint64_t n = edges(c, ticks(c, now_ns));
	if (n <= c->irqs)
		return false;
	c->irqs = n;
	return true;
}
