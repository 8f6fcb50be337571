namespace FreelancerOS.Web.Domain;

/// <summary>An exact amount that always carries its currency.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public Money Rounded() => new(Domain.Currency.Round(Amount, Currency), Currency);

    public static Money operator +(Money a, Money b)
    {
        if (a.Currency != b.Currency)
            throw new DomainException($"Cannot add {a.Currency} to {b.Currency}.");
        return new Money(a.Amount + b.Amount, a.Currency);
    }

    public override string ToString() => Domain.Currency.Format(Amount, Currency);
}
