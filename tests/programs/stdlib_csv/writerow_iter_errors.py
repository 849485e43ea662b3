# csv.writer.writerow: only a TypeError from iter() becomes csv.Error; other
# errors of __iter__, __getitem__ and __str__ pass through.
import csv
import io


class BadIterable:
    def __iter__(self):
        raise OSError("from __iter__")


class BadList:
    def __len__(self):
        return 10

    def __getitem__(self, i):
        if i > 2:
            raise OSError("from __getitem__")
        return i


class BadItem:
    def __str__(self):
        raise OSError("from __str__")


w = csv.writer(io.StringIO())
for row in (BadIterable(), None, 5, BadList(), [BadItem()], (), [None]):
    try:
        w.writerow(row)
        print("ok")
    except (csv.Error, OSError) as e:
        print(type(e).__name__, e)
