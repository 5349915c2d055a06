using Npgsql;

namespace Arsip.Correspondence;

public sealed record CancelLegacyImportCommand(Guid ImportId, Caller Caller);

public static class CancelLegacyImportHandler
{
    /// <summary>Not started yet: cancelled at once. Running: the run stops at its next look (four times a second) and writes nothing; once it
    /// writes the letters (the last few seconds) it is too late.</summary>
    public static Decision Decide(CancelLegacyImportCommand command, LegacyImport? import)
    {
        if (import is null) return Decision.Refuse(Problems.NotFound("Impor register", command.ImportId));
        if (import.Finished)
            return Decision.Refuse(Problems.Conflict($"Impor ini sudah {StartLegacyImportHandler.StatusText(import.Status)} (this import has already ended)."));
        if (import.Phase == LegacyImportPhases.Writing)
            return Decision.Refuse(Problems.Conflict("Surat sedang ditulis; terlambat untuk membatalkan (the letters are being written: too late to cancel)."));
        return Decision.Accept();
    }

    public static async Task<Outcome<LegacyImport>> Handle(CancelLegacyImportCommand command, IDocumentSession session, LegacyImportSettings settings,
        ArsipClock clock, CancellationToken ct)
    {
        await LockAsync(session, command.ImportId, ct);
        var import = await session.LoadAsync<LegacyImport>(command.ImportId, ct);
        var decision = Decide(command, import);
        if (decision.Refused) return new(decision, null);
        session.Store(new LegacyImportCancellation(import!.Id, command.Caller.Name, clock.GetUtcNow()));
        if (import.Status == LegacyImportStatus.Checked)
        {
            import.Status = LegacyImportStatus.Cancelled;
            import.Phase = StartLegacyImportHandler.StatusText(import.Status);
            import.FinishedAt = clock.GetUtcNow();
            session.Store(import);
            new LegacyImportUpload(settings, command.Caller.Agency, import.Id).Discard();
        }
        return new(decision, import);
    }

    /// <summary>The import's row, locked until the session's transaction ends: a cancel and the run's last look before writing take
    /// it, so the run never writes after a cancel was accepted, and a cancel after the writing started is refused.</summary>
    public static async Task LockAsync(IDocumentSession session, Guid importId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select 1 from {session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_{nameof(LegacyImport).ToLowerInvariant()} where tenant_id = $1 and id = $2 for update",
            (NpgsqlConnection)session.Connection!) { Parameters = { new() { Value = session.TenantId }, new() { Value = importId } } };
        await command.ExecuteNonQueryAsync(ct);
    }

    [WolverineDelete("/api/legacy-imports/{id}/run")]
    [Tags("Surat masuk")]
    [EndpointSummary("Cancel an import: at once when not started, else at the run's next step (202); nothing is written")]
    [ProducesResponseType<LegacyImport>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Delete(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency, new CancelLegacyImportCommand(id, caller), ct);
        return outcome.Decision.ToResult(() => Results.Json(outcome.Value, statusCode: StatusCodes.Status202Accepted));
    }
}
