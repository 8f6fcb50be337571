using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Clients;

public sealed class ClientForm
{
    public string Name { get; set; } = "";
    public string? Company { get; set; }
    public string? ContactPerson { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Position { get; set; }
    public string? Website { get; set; }
    public ClientStage Stage { get; set; } = ClientStage.Lead;
    public string Currency { get; set; } = "EUR";
    public decimal? DefaultHourlyRate { get; set; }
    public decimal ContractValue { get; set; }
    public string? Notes { get; set; }
    public string? BillingAddress { get; set; }
    public string? TaxId { get; set; }
    public int Version { get; set; }

    public static ClientForm From(Client c) => new()
    {
        Name = c.Name, Company = c.Company, ContactPerson = c.ContactPerson, Email = c.Email, Phone = c.Phone,
        Position = c.Position, Website = c.Website, Stage = c.Stage, Currency = c.Currency,
        DefaultHourlyRate = c.DefaultHourlyRate, ContractValue = c.ContractValue, Notes = c.Notes, Version = c.Version,
        BillingAddress = c.BillingAddress, TaxId = c.TaxId,
    };

    /// <summary>Copies the typed values onto the client; the stage is moved by the caller (it needs a position).</summary>
    public void ApplyTo(Client c)
    {
        c.Name = Name.Trim();
        c.Company = Blank(Company);
        c.ContactPerson = Blank(ContactPerson);
        c.Email = Blank(Email);
        c.Phone = Blank(Phone);
        c.Position = Blank(Position);
        c.Website = NormalizeWebsite(Website);
        c.Currency = Domain.Currency.Normalize(Currency);
        c.DefaultHourlyRate = DefaultHourlyRate;
        c.ContractValue = ContractValue;
        c.Notes = Blank(Notes);
        c.BillingAddress = Blank(BillingAddress);
        c.TaxId = Blank(TaxId);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>"example.com" is taken to mean https://example.com; anything else must be an http(s) URL.</summary>
    public static string? NormalizeWebsite(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        return s.Contains("://", StringComparison.Ordinal) ? s : "https://" + s;
    }

    public static bool IsWellFormedWebsite(string? s)
    {
        var normalized = NormalizeWebsite(s);
        return normalized is null
               || (Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
                   && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                   && uri.Host.Contains('.', StringComparison.Ordinal));
    }
}

public sealed class ClientFormValidator : AbstractValidator<ClientForm>
{
    // The two-decimal bound of Limits: these amounts are in the client's currency, summed as decimals.
    public static readonly decimal MaxAmount = Limits.MaxAmount(null);

    public ClientFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter the client's name.")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.Company).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.ContactPerson).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.Email).EmailAddress().WithMessage("Enter a valid e-mail address, like name@example.com.")
            .MaximumLength(254).When(f => !string.IsNullOrWhiteSpace(f.Email));
        RuleFor(f => f.Phone).MaximumLength(50).WithMessage("At most 50 characters.");
        RuleFor(f => f.Position).MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.Website).Must(ClientForm.IsWellFormedWebsite)
            .WithMessage("Enter a web address, like https://example.com.").MaximumLength(500);
        RuleFor(f => f.Stage).IsInEnum().WithMessage("Choose a stage.");
        RuleFor(f => f.Currency).Must(c => Domain.Currency.IsKnown(Domain.Currency.Normalize(c)))
            .WithMessage("Choose an ISO 4217 currency code, such as EUR or USD.");
        RuleFor(f => f.ContractValue).GreaterThanOrEqualTo(0).WithMessage("The contract value cannot be negative.")
            .LessThanOrEqualTo(MaxAmount).WithMessage(Limits.AmountMessage(null))
            .WithCurrencyDecimals(f => f.Currency);
        RuleFor(f => f.DefaultHourlyRate).GreaterThanOrEqualTo(0).WithMessage("The hourly rate cannot be negative.")
            .LessThanOrEqualTo(1_000_000m).WithMessage("That rate is too large.");
        RuleFor(f => f.Notes).MaximumLength(4000).WithMessage("At most 4,000 characters.");
        RuleFor(f => f.BillingAddress).MaximumLength(1000).WithMessage("At most 1,000 characters.");
        RuleFor(f => f.TaxId).MaximumLength(100).WithMessage("At most 100 characters.");
    }
}

public sealed record ClientCard(
    int Id, string Name, string? Company, ClientStage Stage, string Currency,
    decimal ContractValue, decimal InvoicedAmount)
{
    public int? InvoicedPercent => Client.InvoicedPercent(InvoicedAmount, ContractValue);
}

public sealed record StageTotal(ClientStage Stage, string Currency, decimal ContractValue, int Count);

public sealed record PipelineColumn(ClientStage Stage, IReadOnlyList<ClientCard> Cards, IReadOnlyList<StageTotal> Totals, string HomeCurrency)
{
    public int Count => Totals.Sum(t => t.Count);

    /// <summary>Rendered as the answer to a move: htmx swaps the column in place by its id.</summary>
    public bool OutOfBand { get; init; }

    /// <summary>The card whose move menu gets the focus back after a keyboard move.</summary>
    public int? FocusClientId { get; init; }

    public PipelineCards Page => new(Stage, Cards, Cards.Count, Count);
}

/// <summary>A run of cards of one column and the "show more" after it.</summary>
public sealed record PipelineCards(ClientStage Stage, IReadOnlyList<ClientCard> Cards, int Shown, int Count)
{
    public BoardMore More => new($"/clients/column?stage={Stage}&skip={Shown}", $"/clients/list?stage={Stage}", Shown, Count);
}

public sealed record PipelineBoard(IReadOnlyList<PipelineColumn> Columns, string HomeCurrency, int? FocusClientId);

public sealed record ClientDetails(Client Client, decimal InvoicedAmount)
{
    public const int InvoicesShown = 20;

    /// <summary>The client's most recent invoices, newest first.</summary>
    public IReadOnlyList<ClientInvoiceRow> Invoices { get; init; } = [];

    public int? InvoicedPercent => Client.InvoicedPercent(InvoicedAmount, Client.ContractValue);

    /// <summary>Issued invoices in another currency than the client's (from before its currency was fixed), never added to it.</summary>
    public IReadOnlyList<CurrencyAmount> InvoicedInOtherCurrencies { get; init; } = [];
}

public sealed record CurrencyAmount(string Currency, decimal Amount);

public sealed record ClientListRow(int Id, string Name, string? Company, string? Email, ClientStage Stage, string Currency, decimal ContractValue);

public sealed record ClientList(Paged<ClientListRow> Rows, string? Query, ClientStage? Stage);

public sealed record ClientInvoiceRow(int Id, string? Number, InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate, string Currency, decimal Total);
