namespace Arsip.Pdf.Layout;

/// <summary>
/// The unit of pagination: a horizontal strip of content of fixed height that is never split.
/// Blocks lay themselves out into slices; the paginator stacks slices onto pages.
/// </summary>
/// <param name="Height">Height in points.</param>
/// <param name="Draw">Draws the strip with its top-left corner at (x, y).</param>
internal sealed record Slice(float Height, Action<DrawContext, float, float> Draw)
{
    /// <summary>Moves to the next page together with the following slice (headings, table headers, signature blocks).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>Vertical space that is dropped when it would open a page.</summary>
    public bool DiscardAtPageTop { get; init; }

    /// <summary>Starts a new page (unless the page is still empty).</summary>
    public bool PageBreak { get; init; }

    /// <summary>Drawn first when this slice opens a continuation page (a table's header row).</summary>
    public Slice? RepeatedHeader { get; init; }

    public static Slice Space(float height) => new(height, static (_, _, _) => { }) { DiscardAtPageTop = true };

    /// <summary>Fuses slices into one atomic strip (a table cell, a kept-together block).</summary>
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
