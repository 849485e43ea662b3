# Evaluation order inside comprehensions.
log = []
def t(tag, v):
    log.append(tag)
    return v
res = [t("elt", x) for x in t("iter", range(2)) if t("cond", True)]
print(res, log)
log.clear()
res = {t("key", x): t("val", x) for x in range(2)}
print(res, log)
log.clear()
res = [t("elt", (a, b)) for a in t("outer", range(2)) for b in t("inner", range(2))]
print(res)
print(log)
log.clear()
g = (t("gen-elt", x) for x in t("gen-iter", range(2)))
print(log)
print(list(g), log)
