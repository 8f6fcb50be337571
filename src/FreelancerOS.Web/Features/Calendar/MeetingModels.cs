using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Calendar;

/// <summary>What the meeting form posts. Start and end are wall-clock times in the account's time zone.</summary>
public sealed class MeetingForm
{
    public string? Title { get; set; } = "";
    public DateTime? Start { get; set; }
    public DateTime? End { get; set; }
    public string? Agenda { get; set; }
    public string? Medium { get; set; }
    public string? Links { get; set; }
    public Priority Priority { get; set; } = Priority.Medium;
    public List<int> ClientIds { get; set; } = [];
    public List<int> ContactIds { get; set; } = [];
    public int Version { get; set; }

    public MeetingChoices Choices { get; set; } = MeetingChoices.Empty;

    public static MeetingForm From(Meeting m, TimeZoneInfo zone) => new()
    {
        Title = m.Title, Start = Zones.ToLocal(m.StartUtc, zone), End = Zones.ToLocal(m.EndUtc, zone),
        Agenda = m.Agenda, Medium = m.Medium, Links = m.Links, Priority = m.Priority,
        ClientIds = m.Clients.Select(c => c.Id).ToList(), ContactIds = m.Contacts.Select(c => c.Id).ToList(),
        Version = m.Version,
    };

    public static IEnumerable<string> LinkLines(string? links) =>
        (links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsWebAddress(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

public sealed record Choice(int Id, string Name);

public sealed record MeetingChoices(IReadOnlyList<Choice> Clients, IReadOnlyList<Choice> Contacts, IReadOnlyList<string> Mediums)
{
    public static readonly MeetingChoices Empty = new([], [], Meeting.BuiltInMediums);
}

public sealed class MeetingFormValidator : AbstractValidator<MeetingForm>
{
    public MeetingFormValidator()
    {
        RuleFor(f => f.Title).NotEmpty().WithMessage("Enter a title.")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.Start).NotNull().WithMessage("Enter when the meeting starts.")
            .Must(InRange).WithMessage("Choose a date between the years 1900 and 2200.");
        RuleFor(f => f.End).NotNull().WithMessage("Enter when the meeting ends.")
            .Must(InRange).WithMessage("Choose a date between the years 1900 and 2200.");
        RuleFor(f => f.End).Must((f, end) => end > f.Start).WithMessage("The end must be after the start.")
            .When(f => f.Start is not null && f.End is not null);
        RuleFor(f => f.End).Must((f, end) => end - f.Start <= Meeting.LongestDuration).WithMessage("A meeting can last at most 31 days.")
            .When(f => f.Start is not null && f.End > f.Start);
        RuleFor(f => f.Agenda).MaximumLength(20000).WithMessage("At most 20,000 characters.");
        RuleFor(f => f.Medium).MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.Links).MaximumLength(2000).WithMessage("At most 2,000 characters.")
            .Must(l => MeetingForm.LinkLines(l).All(MeetingForm.IsWebAddress))
            .WithMessage("Put one web address per line, each starting with https:// or http://.");
        RuleFor(f => f.Priority).IsInEnum().WithMessage("Choose a priority.");
        RuleFor(f => f.ClientIds).Must(ids => ids.Count <= 50).WithMessage("At most 50 clients.");
        RuleFor(f => f.ContactIds).Must(ids => ids.Count <= 50).WithMessage("At most 50 contacts.");
    }

    private static bool InRange(DateTime? d) => d is null || (d.Value.Year >= 1900 && d.Value.Year <= 2200);
}

/// <summary>A meeting as a page shows it: times already in the account's time zone.</summary>
public sealed record CalendarItem(int Id, string Title, DateTime LocalStart, DateTime LocalEnd, Priority Priority, string? Medium);

public sealed record MeetingListRow(int Id, string Title, DateTime LocalStart, DateTime LocalEnd, Priority Priority, string? Medium);

public sealed record MeetingList(Paged<MeetingListRow> Rows, string? Query, string When, string ZoneId);

public sealed record MeetingDetails(Meeting Meeting, DateTime LocalStart, DateTime LocalEnd, string ZoneId, string AgendaHtml);
