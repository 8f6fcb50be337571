namespace FreelancerOS.Web.Domain;

/// <summary>
/// A meeting. Start and end are stored as UTC instants (<see cref="DateTime"/> of kind Utc, because
/// SQLite cannot compare DateTimeOffset in queries); pages convert them to the account's time zone.
/// </summary>
public class Meeting : OwnedEntity, ICreated
{
    public static readonly IReadOnlyList<string> BuiltInMediums = ["Google Meet", "Zoom", "Skype", "Phone", "In person"];
    public static readonly DateTime EarliestUtc = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime LatestUtc = new(2200, 12, 31, 23, 59, 59, DateTimeKind.Utc);
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(31);

    public string Title { get; set; } = "";
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public string? Agenda { get; set; }
    public string? Medium { get; set; }

    /// <summary>One http(s) address per line.</summary>
    public string? Links { get; set; }

    public Priority Priority { get; set; } = Priority.Medium;
    public DateTimeOffset CreatedAt { get; set; }

    public List<Client> Clients { get; set; } = [];
    public List<Contact> Contacts { get; set; } = [];

    public void Schedule(DateTime startUtc, DateTime endUtc)
    {
        if (startUtc.Kind != DateTimeKind.Utc || endUtc.Kind != DateTimeKind.Utc)
            throw new ArgumentException("Meeting times are stored in UTC.");
        if (startUtc < EarliestUtc || startUtc > LatestUtc)
            throw new DomainException("Choose a start between the years 1900 and 2200.", "Start");
        if (endUtc <= startUtc)
            throw new DomainException("The end must be after the start.", "End");
        if (endUtc - startUtc > LongestDuration)
            throw new DomainException("A meeting can last at most 31 days.", "End");
        StartUtc = startUtc;
        EndUtc = endUtc;
    }

    public IEnumerable<string> LinkList() =>
        (Links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// The account's secret calendar subscription. Only a SHA-256 hash of the token is kept, so a copy of
/// the database does not reveal feed addresses; regenerating replaces it, revoking deletes it.
/// </summary>
public class CalendarFeed : OwnedEntity, ICreated
{
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
