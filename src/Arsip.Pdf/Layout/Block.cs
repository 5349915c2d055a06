namespace Arsip.Pdf.Layout;

internal abstract class Block
{
    public abstract IEnumerable<Slice> Layout(LayoutContext context, float width);
}

internal sealed class Column(IEnumerable<Block> children) : Block
{
    private readonly List<Block> _children = [.. children];

    public Column(params Block[] children) : this((IEnumerable<Block>)children) { }

    public Column Add(Block block)
    {
        _children.Add(block);
        return this;
    }

    public override IEnumerable<Slice> Layout(LayoutContext context, float width) =>
        _children.SelectMany(c => c.Layout(context, width));
}

internal sealed class Spacer(float height) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width) => [Slice.Space(height)];
}

internal sealed class PageBreak : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width) =>
        [new Slice(0, static (_, _, _) => { }) { PageBreak = true }];
}

/// <summary>Keeps its content on one page when it fits (signature blocks, short lists).</summary>
internal sealed class KeepTogether(Block content) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width)
    {
        var slices = content.Layout(context, width).ToList();
        return slices.Select((s, i) => i < slices.Count - 1 ? s with { KeepWithNext = true } : s);
    }
}

internal sealed class KeepWithNext(Block content) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width) =>
        content.Layout(context, width).Select(s => s with { KeepWithNext = true });
}

/// <summary>Only the last slice with content (a table's last row, a paragraph's last line) and the space after it travel with what follows.</summary>
internal sealed class KeepLastWithNext(Block content) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width)
    {
        var slices = content.Layout(context, width).ToList();
        var last = slices.FindLastIndex(s => !s.DiscardAtPageTop);
        return slices.Select((s, i) => i >= last ? s with { KeepWithNext = true } : s);
    }
}
