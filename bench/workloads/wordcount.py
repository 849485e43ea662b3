"""Word count: build a large synthetic text deterministically (an LCG picks
words from a generated vocabulary with a skewed distribution), then split it
into lines and words, normalise case and punctuation, count with a dict, sort
by count and format the top entries with f-strings. Exercises str building,
str.split/lower/strip, dict get/set, sorted with a key, f-string formatting."""
import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pra", "den",
             "qu", "ix", "ol", "ba", "ze", "fy"]
PUNCT = [",", ".", ";", "!", "?", ""]


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        # Park-Miller "minimal standard" generator: multiplicative, prime
        # modulus, so (unlike a power-of-two LCG) the low bits are usable.
        self.state = self.state * 48271 % 2147483647
        return self.state

    def below(self, n):
        return self.next() % n


def make_vocabulary(rng, size):
    words = []
    seen = set()
    while len(words) < size:
        parts = [SYLLABLES[rng.below(len(SYLLABLES))] for _ in range(1 + rng.below(4))]
        word = "".join(parts)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_lines(rng, vocab, lines):
    n = len(vocab)
    out = []
    for _ in range(lines):
        words = []
        for _ in range(6 + rng.below(10)):
            # product of two uniforms: small indices are much more frequent
            i = rng.below(n) * rng.below(n) // n
            w = vocab[i]
            if rng.below(7) == 0:
                w = w.capitalize()
            if rng.below(5) == 0:
                w += PUNCT[rng.below(len(PUNCT))]
            words.append(w)
        out.append(" ".join(words))
    return out


def make_text(rng, pool, lines):
    # stitch lines drawn from the pool: cheap to generate, so the benchmark's
    # time goes to splitting and counting rather than to the generator
    n = len(pool)
    return "\n".join([pool[rng.below(n)] for _ in range(lines)])


def count_words(text):
    counts = {}
    for line in text.split("\n"):
        for raw in line.split():
            word = raw.strip(",.;!?").lower()
            if word:
                counts[word] = counts.get(word, 0) + 1
    return counts


def report(counts, top):
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(counts.values())
    lines = [f"{'word':<16}{'count':>8}{'share':>9}"]
    for word, n in ranked[:top]:
        lines.append(f"{word:<16}{n:>8}{n / total:>9.4%}")
    lines.append(f"{len(counts)} distinct words, {total} total")
    return lines


def main():
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 450000
    rng = Lcg(2024)
    vocab = make_vocabulary(rng, 3000)
    pool = make_lines(rng, vocab, 4000)
    text = make_text(rng, pool, lines)
    counts = count_words(text)
    checksum = 0
    for word, n in counts.items():
        checksum = (checksum * 31 + len(word) * n) % 1000000007
    for line in report(counts, 15):
        print(line)
    print("checksum", checksum, "chars", len(text))


main()
