using System.Security.Claims;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Correspondence;

public sealed record RegisterIncomingLetter(
    string? Sender,
    string? SenderLetterNumber,
    DateOnly? LetterDate,
    DateOnly? ReceivedOn,
    string? Subject,
    string? Classification,
    SecurityLevel? SecurityLevel,
    Urgency? Urgency,
    string? Attachments = null,
    string? Remarks = null,
    bool ConfirmedDistinct = false);

public sealed record IncomingLetterRegisteredResponse(Guid Id, int AgendaNumber, int AgendaYear)
    : CreationResponse($"/api/incoming-letters/{Id}");

/// <summary>Marks one sender's letter as registered, so a second registration is caught even under a race.</summary>
public sealed record IncomingLetterFingerprint(string Id, Guid LetterId)
{
    public static string For(string sender, string number, DateOnly letterDate) =>
        $"{Normalize(sender)}|{Normalize(number)}|{letterDate:yyyy-MM-dd}";

    private static string Normalize(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

public static class RegisterIncomingLetterEndpoint
{
    public const string AgendaSequence = "incoming-agenda";

    public static async Task<ProblemDetails> ValidateAsync(
        RegisterIncomingLetter command, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var errors = new Dictionary<string, string[]>();
        void Require(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"{field} wajib diisi (required)."];
            else if (value.Length > max) errors[field] = [$"{field} paling banyak {max} karakter (at most {max} characters)."];
        }

        Require("sender", command.Sender, 300);
        Require("senderLetterNumber", command.SenderLetterNumber, 100);
        Require("subject", command.Subject, 1000);
        Require("classification", command.Classification, 40);
        if (command.Classification is { Length: > 0 } code && !ClassificationCode.IsWellFormed(code))
            errors["classification"] = ["Kode klasifikasi harus berupa angka bertitik, mis. 000.1.2 (dotted digits, e.g. 000.1.2)."];
        if (command.LetterDate is null) errors["letterDate"] = ["letterDate wajib diisi (required)."];
        else if (command.LetterDate > today) errors["letterDate"] = ["Tanggal surat tidak boleh di masa depan (letter date is in the future)."];
        if (command.ReceivedOn is null) errors["receivedOn"] = ["receivedOn wajib diisi (required)."];
        else if (command.ReceivedOn > today) errors["receivedOn"] = ["Tanggal terima tidak boleh di masa depan (received date is in the future)."];
        else if (command.LetterDate is { } letterDate && command.ReceivedOn < letterDate)
            errors["receivedOn"] = ["Tanggal terima sebelum tanggal surat (received before the letter was dated)."];
        if (command.SecurityLevel is null) errors["securityLevel"] = ["securityLevel wajib diisi: Biasa, Terbatas, Rahasia, SangatRahasia."];
        if (command.Urgency is null) errors["urgency"] = ["urgency wajib diisi: Biasa, Segera, SangatSegera."];
        if (command.Attachments?.Length > 300) errors["attachments"] = ["attachments paling banyak 300 karakter (at most 300 characters)."];
        if (command.Remarks?.Length > 2000) errors["remarks"] = ["remarks paling banyak 2000 karakter (at most 2000 characters)."];
        if (errors.Count > 0)
            return new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Data surat masuk tidak valid (invalid incoming letter)",
            };

        if (command.ConfirmedDistinct) return WolverineContinue.NoProblems;
        var key = IncomingLetterFingerprint.For(command.Sender!, command.SenderLetterNumber!, command.LetterDate!.Value);
        var existing = await session.LoadAsync<IncomingLetterFingerprint>(key, ct);
        return existing is null ? WolverineContinue.NoProblems : Problems.DuplicateLetter(existing.LetterId);
    }

    [WolverinePost("/api/incoming-letters")]
    [Tags("Surat masuk")]
    [EndpointSummary("Register an incoming letter (surat masuk) and give it an agenda number")]
    public static async Task<IncomingLetterRegisteredResponse> Post(
        RegisterIncomingLetter command, IDocumentSession session, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var year = command.ReceivedOn!.Value.Year;
        var agendaNumber = await Sequences.NextAsync(session, AgendaSequence, year, ct);
        var registered = Register(command, Guid.CreateVersion7(now), agendaNumber, user.Identity?.Name ?? "sistem", now);

        session.Events.StartStream<IncomingLetter>(registered.LetterId, registered);
        if (!command.ConfirmedDistinct)
            session.Insert(new IncomingLetterFingerprint(
                IncomingLetterFingerprint.For(registered.Sender, registered.SenderLetterNumber, registered.LetterDate), registered.LetterId));
        return new IncomingLetterRegisteredResponse(registered.LetterId, agendaNumber, year);
    }

    /// <summary>The decision: a validated command becomes the registration event.</summary>
    public static IncomingLetterRegistered Register(
        RegisterIncomingLetter command, Guid id, int agendaNumber, string registeredBy, DateTimeOffset now) => new(
        id,
        agendaNumber,
        command.ReceivedOn!.Value.Year,
        command.Sender!.Trim(),
        command.SenderLetterNumber!.Trim(),
        command.LetterDate!.Value,
        command.ReceivedOn.Value,
        command.Subject!.Trim(),
        command.Classification!.Trim(),
        command.SecurityLevel!.Value,
        command.Urgency!.Value,
        string.IsNullOrWhiteSpace(command.Attachments) ? null : command.Attachments.Trim(),
        string.IsNullOrWhiteSpace(command.Remarks) ? null : command.Remarks.Trim(),
        registeredBy,
        now);
}
