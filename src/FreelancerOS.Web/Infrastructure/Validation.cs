using FluentValidation;
using FluentValidation.AspNetCore;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// FluentValidation's auto-validation puts every rule's message beside its field; a field that could
/// not even be read (letters in an amount) already says why, so its second message is dropped.
/// </summary>
public sealed class OneMessagePerField : IValidatorInterceptor
{
    public IValidationContext BeforeAspNetValidation(ActionContext actionContext, IValidationContext commonContext) => commonContext;

    public ValidationResult AfterAspNetValidation(ActionContext actionContext, IValidationContext validationContext, ValidationResult result)
    {
        var unreadable = actionContext.ModelState
            .Where(field => field.Value is { Errors.Count: > 0 })
            .Select(field => field.Key)
            .ToList();
        if (unreadable.Count == 0) return result;
        return new ValidationResult(result.Errors.Where(error =>
            !unreadable.Any(key => key == error.PropertyName || key.EndsWith("." + error.PropertyName, StringComparison.Ordinal))));
    }
}

/// <summary>The one amount rule: an amount has at most its currency's decimals (0.5 JPY refused, 1.255 KWD accepted).</summary>
public static class CurrencyAmountRules
{
    public static IRuleBuilderOptions<T, decimal?> WithCurrencyDecimals<T>(this IRuleBuilder<T, decimal?> rule, Func<T, string?> currency) =>
        rule.Must((f, v) => v is not { } d || Domain.Limits.HasCurrencyDecimals(d, Domain.Currency.Normalize(currency(f))))
            .WithMessage(f => Domain.Limits.DecimalsMessage(Domain.Currency.Normalize(currency(f))));

    public static IRuleBuilderOptions<T, decimal> WithCurrencyDecimals<T>(this IRuleBuilder<T, decimal> rule, Func<T, string?> currency) =>
        rule.Must((f, d) => Domain.Limits.HasCurrencyDecimals(d, Domain.Currency.Normalize(currency(f))))
            .WithMessage(f => Domain.Limits.DecimalsMessage(Domain.Currency.Normalize(currency(f))));
}
