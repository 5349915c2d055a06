using Arsip.Organization;

namespace Arsip.Records;

public sealed record ApproveDisposalCommand(Guid DisposalId, Caller Caller);

public static class ApproveDisposalHandler
{
    /// <summary>The head of the agency (or its Plt/Plh) approves once every committee member has assessed every berkas still listed.</summary>
    public static Decision Decide(ApproveDisposalCommand command, DisposalProposal? disposal, Position? agencyHead, DateOnly today, DateTimeOffset now)
    {
        if (disposal is null) return Decision.Refuse(Problems.NotFound("Usul musnah", command.DisposalId));
        if (!Authorities.Holds(command.Caller, agencyHead))
            return Decision.Refuse(Problems.Forbidden($"Pemusnahan disetujui oleh pimpinan instansi{(agencyHead is null ? "" : $" ({agencyHead.Title})")} (only the head of the agency approves a disposal)."));
        if (disposal.Ended) return Decision.Refuse(DisposalRules.DecidedConflict(disposal));
        if (disposal.Approval is not null || disposal.Status is DisposalStatus.Executing or DisposalStatus.Completed)
            return Decision.Refuse(Problems.Conflict("Usul musnah ini sudah disetujui (already approved; a duplicate request)."));
        if (!disposal.FullyAssessed)
        {
            var missing = disposal.Committee.Where(m => disposal.Remaining.Any(i => !disposal.HasAssessed(m.PersonId, i.CaseFileId))).Select(m => m.Name).ToList();
            return Decision.Refuse(Problems.Conflict($"Belum semua anggota panitia menilai; menunggu: {string.Join(", ", missing)} (not every committee member has assessed every berkas).")
                .With("awaiting", missing));
        }
        if (!disposal.Remaining.Any())
            return Decision.Refuse(Problems.Conflict("Tidak ada berkas tersisa dalam usul ini: semuanya dipertahankan (no berkas left on the proposal)."));
        return Decision.Accept(new DisposalApproved(disposal.Id, command.Caller.PersonId, command.Caller.Name, agencyHead!.Title, today, now));
    }

    public static async Task<Decision> Handle(ApproveDisposalCommand command,
        [WriteAggregate(nameof(ApproveDisposalCommand.DisposalId), Required = false)] IEventStream<DisposalProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var time = await ReferenceData.AgencyTime.LoadAsync(session, ct);
        var decision = Decide(command, stream.Aggregate, Authorities.AgencyHead(positions), time.Today(clock), clock.GetUtcNow());
        DisposalStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/disposals/{id}/approve")]
    [Tags("Arsip")]
    [EndpointSummary("The head of the agency approves the disposal list, once the panitia penilai has assessed every berkas")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ApproveDisposalCommand(id, caller), ct)).ToResult();
}
