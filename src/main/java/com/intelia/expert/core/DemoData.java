package com.intelia.expert.core;

import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.InvitationRequest;
import com.intelia.expert.api.InvitationResponse;
import com.intelia.expert.db.DemoDataDao;
import com.intelia.expert.db.DemoDataStore;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic demo data for a development machine: named users in the local directory, about 90 days of
 * conversations with sources, latencies, models and feedback, invitations, and one orphan user_id as in the
 * production guide. The same seed gives the same data; conversations are generated in SQL (each a one-turn chat
 * whose id is its session_id, as the API saves them), feedback and invitations go through the services the API uses.
 */
public class DemoData {

    /** The demo administrator; `scripts/run` prints a token for it. */
    public static final UUID ADMIN = UUID.fromString("0f1e2d3c-4b5a-4697-8877-665544332211");
    /** Conversations saved under an id with no profile, as in the guide. */
    public static final UUID ORPHAN = UUID.fromString("843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
    public static final String ORPHAN_EMAIL = "jean.dupont@example.com";

    private static final List<Profile> USERS = List.of(
            new Profile(ADMIN, "admin@intelia.com", "Alice", "Martin", "super_admin", "enterprise"),
            profile("1a6c1e0e-3f0a-4f3b-9a55-0d9d1f2b7c01", "marie.tremblay@fermes-qc.ca", "Marie", "Tremblay", "pro"),
            profile("2b7d2f1f-4a1b-4a4c-8b66-1eae2a3c8d02", "j.smith@broilerco.com", "John", "Smith", "pro"),
            profile("3c8e3a2a-5b2c-4b5d-9c77-2fbf3b4d9e03", "ana.garcia@avicola.es", "Ana", "Garcia", "essential"),
            profile("4d9f4b3b-6c3d-4c6e-8d88-3aca4c5eaf04", "pierre.leroy@volailles.fr", "Pierre", "Leroy", "pro"),
            profile("5e0a5c4c-7d4e-4d7f-9e99-4bdb5d6fb005", "k.mueller@gefluegel.de", "Klaus", "Mueller", "essential"),
            profile("6f1b6d5d-8e5f-4e8a-8faa-5cec6e7ac106", "sara.rossi@avicoli.it", "Sara", "Rossi", "pro"),
            profile("7a2c7e6e-9f6a-4f9b-9abb-6dfd7f8bd207", "tom.nguyen@layerfarm.com", "Tom", "Nguyen", "essential"),
            profile("8b3d8f7f-0a7b-4a0c-8bcc-7eae8a9ce308", "lucie.roy@couvoir.ca", "Lucie", "Roy", "enterprise"),
            profile("9c4e9a8a-1b8c-4b1d-9cdd-8fbf9badf409", "dr.okafor@vetpoultry.ng", "Chidi", "Okafor", "pro"));

    private static final String[] QUESTIONS = {
        "What is the target body weight of Ross 308 males at day 35?",
        "How much water should broilers drink per day at 21 days?",
        "What lighting program do you recommend for laying hens at 18 weeks?",
        "Quel est l'indice de consommation normal d'un poulet de chair a 42 jours?",
        "How do I reduce footpad dermatitis in my broiler house?",
        "What temperature should the brooding area be on day 1?",
        "Cual es la densidad recomendada para pollos de engorde en verano?",
        "What causes a drop in egg production at week 30?",
        "How much calcium do laying hens need in the diet?",
        "What ventilation rate do I need at 30 degrees Celsius for 25,000 birds?",
        "How can I tell coccidiosis from necrotic enteritis?",
        "What is the expected mortality in the first week for Cobb 500?"};
    private static final String[] LANGUAGES = {"en", "en", "en", "fr", "fr", "es"};

    private final DemoDataStore store;
    private final LocalUserDirectory directory;
    private final FeedbackService feedback;
    private final InvitationService invitations;

    /** Rows through {@code store}, the users into {@code directory}, ratings and invitations through the services. */
    public DemoData(DemoDataStore store, LocalUserDirectory directory, FeedbackService feedback,
                    InvitationService invitations) {
        this.store = store;
        this.directory = directory;
        this.feedback = feedback;
        this.invitations = invitations;
    }

    private static Profile profile(String id, String email, String first, String last, String plan) {
        return new Profile(UUID.fromString(id), email, first, last, "user", plan);
    }

    public boolean present() {
        return directory.lookup(ADMIN).foundProfile().isPresent();
    }

    /** Writes the demo data; returns the number of conversations created. */
    public int seed(int days) {
        USERS.forEach(directory::save);
        UUID[] ids = USERS.stream().map(Profile::id).toArray(UUID[]::new);
        int conversations = store.insertConversations(ids, QUESTIONS, LANGUAGES, days);
        conversations += store.insertOrphan(ORPHAN, ORPHAN_EMAIL);
        rate();
        invite();
        return conversations;
    }

    /** About one conversation in eight gets a rating, through the same service as the API. */
    private void rate() {
        Random random = new Random(42);
        List<DemoDataDao.Rateable> rows = store.rateable(ORPHAN);
        for (DemoDataDao.Rateable row : rows) {
            if (random.nextInt(8) == 0) {
                boolean positive = random.nextInt(100) < 78;
                feedback.rate(row.id(), new FeedbackRequest(positive ? 1 : -1,
                        positive ? null : "The answer did not match my breed's guide", null),
                        new Caller(row.userId(), null, false));
            }
        }
    }

    /** Each user invites a few colleagues; some accept. */
    private void invite() {
        int n = 0;
        for (Profile inviter : USERS) {
            for (int i = 0; i < 1 + n % 4; i++) {
                InvitationResponse sent = invitations.invite(new InvitationRequest(
                        "colleague" + n + "." + i + "@example.com", "Colleague " + n + "." + i),
                        new Caller(inviter.id(), inviter.email(), false));
                if ((n + i) % 3 == 0 && sent.token() != null) {
                    invitations.accept(sent.token(), new Caller(UUID.randomUUID(), null, false));
                }
            }
            n++;
        }
    }
}
