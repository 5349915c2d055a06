namespace Arsip.Pdf.Layout;

/// <summary>A piece of content that can lay itself out at a given width.</summary>
internal abstract class Block
{
    public abstract IEnumerable<Slice> Layout(LayoutContext context, float width);
}

/// <summary>Blocks one after another, top to bottom.</summary>
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

/// <summary>Empty vertical space; dropped at the top of a page.</summary>
internal sealed class Spacer(float height) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width) => [Slice.Space(height)];
}

/// <summary>Forces the following content onto a new page.</summary>
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

/// <summary>Keeps a heading with the first slice of what follows it.</summary>
internal sealed class KeepWithNext(Block content) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width) =>
        content.Layout(context, width).Select(s => s with { KeepWithNext = true });
}
