using Marten.Events.Aggregation;

namespace Arsip.ReferenceData;

public sealed record LetterNumberTemplateSet(string Kind, string Template, SequenceScope SequenceScope, string SetBy, DateTimeOffset SetAt);

public sealed record LetterNumberTemplateEntry(string Kind, string Template, SequenceScope SequenceScope, string SetBy, DateTimeOffset SetAt);

public sealed class LetterNumberTemplatesView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Dictionary<string, LetterNumberTemplateEntry> Templates { get; set; } = [];
}

public sealed partial class LetterNumberTemplatesProjection : SingleStreamProjection<LetterNumberTemplatesView, Guid>
{
    public LetterNumberTemplatesView Create(IEvent<LetterNumberTemplateSet> e) => Apply(e, new LetterNumberTemplatesView { Id = e.StreamId });

    public LetterNumberTemplatesView Apply(IEvent<LetterNumberTemplateSet> e, LetterNumberTemplatesView view)
    {
        view.Version = e.Version;
        view.Templates[e.Data.Kind] = new LetterNumberTemplateEntry(e.Data.Kind, e.Data.Template, e.Data.SequenceScope, e.Data.SetBy, e.Data.SetAt);
        return view;
    }
}
