package com.intelia.expert.stats;

import com.intelia.expert.config.StatsFactory.ModelPrice;
import com.intelia.expert.db.ModelUsage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns recorded token counts into USD with the configured price table. A model is priced by its own entry, else
 * by the longest entry it starts with (dated versions), else by "default"; models with none are reported.
 */
public class OpenAiCosts {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private final TreeMap<String, ModelPrice> prices;

    public OpenAiCosts(Map<String, ModelPrice> prices) {
        this.prices = new TreeMap<>(prices);
    }

    /** Total cost in USD (rounded to cents' hundredths) and the models that had usage but no price. */
    public record Cost(double usd, long promptTokens, long completionTokens, long answersWithUsage,
                       List<String> unpricedModels) {
    }

    public Cost of(List<ModelUsage> usage) {
        BigDecimal total = BigDecimal.ZERO;
        long prompt = 0, completion = 0, answers = 0;
        List<String> unpriced = new ArrayList<>();
        for (ModelUsage model : usage) {
            prompt += model.promptTokens();
            completion += model.completionTokens();
            answers += model.usages();
            Optional<ModelPrice> price = priceOf(model.model());
            if (price.isEmpty()) {
                if (model.promptTokens() + model.completionTokens() > 0) {
                    unpriced.add(model.model().isEmpty() ? "(no model recorded)" : model.model());
                }
                continue;
            }
            total = total.add(price.get().getPromptPerMillion().multiply(BigDecimal.valueOf(model.promptTokens())))
                    .add(price.get().getCompletionPerMillion().multiply(BigDecimal.valueOf(model.completionTokens())));
        }
        double usd = total.divide(MILLION, 4, RoundingMode.HALF_UP).doubleValue();
        return new Cost(usd, prompt, completion, answers, unpriced);
    }

    Optional<ModelPrice> priceOf(String model) {
        if (model != null && !model.isEmpty()) {
            if (prices.containsKey(model)) {
                return Optional.of(prices.get(model));
            }
            String best = null;
            for (String name : prices.keySet()) {
                if (!name.equals("default") && model.startsWith(name) && (best == null || name.length() > best.length())) {
                    best = name;
                }
            }
            if (best != null) {
                return Optional.of(prices.get(best));
            }
        }
        return Optional.ofNullable(prices.get("default"));
    }
}
