package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statistics section of config.yml: how long a computed dashboard is cached, and the OpenAI price table
 * that turns recorded token counts into openai_costs.
 */
public class StatsFactory {

    /** USD per one million tokens, as OpenAI lists its prices. */
    public static class ModelPrice {
        @JsonProperty @NotNull @DecimalMin("0") private BigDecimal promptPerMillion = BigDecimal.ZERO;
        @JsonProperty @NotNull @DecimalMin("0") private BigDecimal completionPerMillion = BigDecimal.ZERO;

        public ModelPrice() {
        }

        public ModelPrice(String promptPerMillion, String completionPerMillion) {
            this.promptPerMillion = new BigDecimal(promptPerMillion);
            this.completionPerMillion = new BigDecimal(completionPerMillion);
        }

        public BigDecimal getPromptPerMillion() { return promptPerMillion; }
        public BigDecimal getCompletionPerMillion() { return completionPerMillion; }
    }

    /** 0 turns the cache off: every dashboard request is computed from the rollups. */
    @JsonProperty @NotNull private Duration dashboardCacheTtl = Duration.seconds(30);

    /** Monthly price per user of each plan (USD), for billing_stats revenue; plans not listed count 0. */
    @JsonProperty @NotNull private Map<String, @NotNull @DecimalMin("0") BigDecimal> planPrices = Map.of();

    /** How often the write shards of closed days are folded together; 0s turns it off. */
    @JsonProperty @NotNull private Duration compactionInterval = Duration.hours(1);

    /**
     * How often the rollup log (stats_delta_log, appended by every write) is folded into the rollups; readers add
     * what is not folded yet, so this bounds what each dashboard read adds (write rate x interval rows). The search
     * indexes' pending lists are flushed on the same interval (db/GinPendingListFlush). 0s: neither, ever.
     */
    @JsonProperty @NotNull private Duration foldInterval = Duration.seconds(1);

    /**
     * Model name (or prefix: "gpt-4o" prices "gpt-4o-2024-08-06") to price. The entry named "default", when
     * present, prices models that no other entry matches.
     */
    @JsonProperty @NotNull @Valid private Map<String, ModelPrice> openaiPrices = defaultPrices();

    public static Map<String, ModelPrice> defaultPrices() {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        prices.put("gpt-4o", new ModelPrice("2.50", "10.00"));
        prices.put("gpt-4o-mini", new ModelPrice("0.15", "0.60"));
        prices.put("gpt-4.1", new ModelPrice("2.00", "8.00"));
        prices.put("gpt-4.1-mini", new ModelPrice("0.40", "1.60"));
        prices.put("gpt-3.5-turbo", new ModelPrice("0.50", "1.50"));
        return prices;
    }

    public java.time.Duration dashboardCacheTtl() {
        return java.time.Duration.ofMillis(dashboardCacheTtl.toMilliseconds());
    }

    public java.time.Duration compactionInterval() {
        return java.time.Duration.ofMillis(compactionInterval.toMilliseconds());
    }

    public java.time.Duration foldInterval() {
        return java.time.Duration.ofMillis(foldInterval.toMilliseconds());
    }

    public void setFoldInterval(Duration foldInterval) { this.foldInterval = foldInterval; }
    public void setCompactionInterval(Duration compactionInterval) { this.compactionInterval = compactionInterval; }
    public void setDashboardCacheTtl(Duration dashboardCacheTtl) { this.dashboardCacheTtl = dashboardCacheTtl; }
    public Map<String, BigDecimal> getPlanPrices() { return planPrices; }
    public void setPlanPrices(Map<String, BigDecimal> planPrices) { this.planPrices = planPrices; }
    public Map<String, ModelPrice> getOpenaiPrices() { return openaiPrices; }
    public void setOpenaiPrices(Map<String, ModelPrice> openaiPrices) { this.openaiPrices = openaiPrices; }
}
