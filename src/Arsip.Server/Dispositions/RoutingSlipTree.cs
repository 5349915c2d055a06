using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Slip = Arsip.Pdf;

namespace Arsip.Dispositions;

public sealed class RoutingSlipTree(ArsipClock clock) : IDispositionTrees
{
    private static readonly Dictionary<RecipientStatus, string> StatusText = new()
    {
        [RecipientStatus.Unread] = "Belum dibaca",
        [RecipientStatus.Read] = "Dibaca",
        [RecipientStatus.InProgress] = "Ditindaklanjuti",
        [RecipientStatus.Done] = "Selesai",
        [RecipientStatus.Overdue] = "Terlambat",
    };

    public async Task<IReadOnlyList<Slip.DispositionNode>> ForLetterAsync(IQuerySession session, Guid incomingLetterId, CancellationToken ct)
    {
        var dispositions = await session.Query<Disposition>().Where(d => d.LetterId == incomingLetterId).ToListAsync(ct);
        var labels = (await DispositionInstructionList.ForAgencyAsync(session, ct)).ToDictionary(i => i.Code, i => i.Label);
        var time = await AgencyTime.LoadAsync(session, ct);
        var tree = DispositionTree.Build(incomingLetterId, dispositions, clock.GetUtcNow());
        return tree.Dispositions.Select(node => ToSlip(node, labels, time)).ToList();
    }

    private static Slip.DispositionNode ToSlip(DispositionNode node, IReadOnlyDictionary<string, string> labels, AgencyTime time) => new()
    {
        FromPosition = node.IssuerActing is { } acting ? $"{acting}. {node.IssuerTitle}" : node.IssuerTitle,
        Recipients = node.Recipients.Select(r => new Slip.DispositionRecipient(r.Title, r.Lead)).ToList(),
        Instructions = node.Instructions.Select(code => labels.GetValueOrDefault(code, code)).ToList(),
        Note = node.State == DispositionState.Withdrawn ? $"[Ditarik] {node.Note}".Trim() : node.Note,
        Deadline = time.DateOf(node.Deadline),
        Initials = new Slip.Initials(node.IssuerName, time.ToLocal(node.IssuedAt)),
        FollowUp = string.Join("; ", node.Recipients.Select(r => $"{r.Title}: {StatusText[r.Status]}")
            .Concat(node.FollowUps.Select(f => $"{f.PersonName}: {f.Text}"))),
        Children = node.Children.Select(child => ToSlip(child, labels, time)).ToList(),
    };
}
