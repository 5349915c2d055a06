namespace Arsip.Pdf.Layout;

/// <summary>The unit of pagination: a strip of fixed height that is never split.</summary>
internal sealed record Slice(float Height, Action<DrawContext, float, float> Draw)
{
    /// <summary>Moves to the next page together with the following slice (headings, table headers, signature blocks).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>Vertical space that is dropped when it would open a page.</summary>
    public bool DiscardAtPageTop { get; init; }

    public bool PageBreak { get; init; }

    /// <summary>Drawn first when this slice opens a continuation page (a table's header row).</summary>
    public Slice? RepeatedHeader { get; init; }

    public static Slice Space(float height) => new(height, static (_, _, _) => { }) { DiscardAtPageTop = true };

    public static Slice Stack(IReadOnlyList<Slice> slices)
    {
        var height = slices.Sum(s => s.Height);
        return new Slice(height, (dc, x, y) =>
        {
            foreach (var slice in slices)
            {
                slice.Draw(dc, x, y);
                y += slice.Height;
            }
        });
    }
}
