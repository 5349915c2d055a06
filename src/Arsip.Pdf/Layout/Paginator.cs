namespace Arsip.Pdf.Layout;

internal readonly record struct PlacedSlice(Slice Slice, float Y);

internal static class Paginator
{
    public static List<List<PlacedSlice>> Paginate(IReadOnlyList<Slice> slices, float pageHeight)
    {
        var pages = new List<List<PlacedSlice>>();
        var page = new List<PlacedSlice>();
        var y = 0f;

        void NewPage(Slice next)
        {
            pages.Add(page);
            page = [];
            y = 0;
            if (next.RepeatedHeader is { } header)
            {
                page.Add(new PlacedSlice(header, 0));
                y = header.Height;
            }
        }

        void Place(Slice slice)
        {
            if (slice.DiscardAtPageTop && page.Count == 0) return;
            if (page.Count > 0 && y + slice.Height > pageHeight) NewPage(slice);
            if (slice.DiscardAtPageTop && page.Count == 0) return;
            page.Add(new PlacedSlice(slice, y));
            y += slice.Height;
        }

        for (var i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            if (slice.PageBreak)
            {
                if (page.Count > 0) NewPage(slice);
                continue;
            }
            // A keep-together group moves to the next page as a whole when it fits on an empty page.
            var last = i;
            var groupHeight = slice.Height;
            while (slices[last].KeepWithNext && last + 1 < slices.Count)
                groupHeight += slices[++last].Height;
            if (page.Count > 0 && y + groupHeight > pageHeight && groupHeight <= pageHeight) NewPage(slice);
            for (; i <= last; i++) Place(slices[i]);
            i = last;
        }
        pages.Add(page);
        return pages;
    }
}
