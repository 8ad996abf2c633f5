<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&lt;h3&gt;mnist-gui {0}&lt;/h3&gt;&lt;p&gt;Draw a digit and see what a sigmoid network answers; train one from scratch on MNIST and watch it learn; browse its mistakes.&lt;/p&gt;&lt;p&gt;The network, backpropagation and stochastic gradient descent follow Michael Nielsen&apos;s book &lt;a href=&quot;{1}&quot;&gt;&lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;&lt;/a&gt; ({1}), written in numpy.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Licences&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;mnist-gui: the MIT licence (the LICENSE file).&lt;/li&gt;&lt;li&gt;The bundled MNIST database of handwritten digits, by Yann LeCun and Corinna Cortes (with Christopher J. C. Burges), &lt;a href=&quot;{2}&quot;&gt;{2}&lt;/a&gt;: &lt;a href=&quot;{3}&quot;&gt;Creative Commons Attribution-Share Alike 3.0&lt;/a&gt; (CC BY-SA 3.0).&lt;/li&gt;&lt;li&gt;Qt {4} and PySide6 {5}: the GNU LGPL version 3.&lt;/li&gt;&lt;li&gt;pyqtgraph {6}: the MIT licence.&lt;/li&gt;&lt;li&gt;numpy {7}: the BSD licence.&lt;/li&gt;&lt;/ul&gt;</source>
        <extracomment>The sizes of the PNGs rendered from the SVG, in pixels. Nielsen&apos;s book, which the network, backpropagation and SGD follow.</extracomment>
        <translation>&lt;h3&gt;mnist-gui {0}&lt;/h3&gt;&lt;p&gt;Dessinez un chiffre et voyez ce que répond un réseau de neurones sigmoïdes&#x202f;; entraînez-en un à partir de zéro sur MNIST et regardez-le apprendre&#x202f;; parcourez ses erreurs.&lt;/p&gt;&lt;p&gt;Le réseau, la rétropropagation et la descente de gradient stochastique suivent le livre de Michael Nielsen &lt;a href=&quot;{1}&quot;&gt;&lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;&lt;/a&gt; ({1}), et sont écrits avec numpy.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Licences&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;mnist-gui&#xa0;: la licence MIT (le fichier LICENSE).&lt;/li&gt;&lt;li&gt;La base MNIST de chiffres manuscrits fournie avec l’application, de Yann LeCun et Corinna Cortes (avec Christopher J. C. Burges), &lt;a href=&quot;{2}&quot;&gt;{2}&lt;/a&gt;&#xa0;: &lt;a href=&quot;{3}&quot;&gt;Creative Commons Attribution-Share Alike 3.0&lt;/a&gt; (CC BY-SA 3.0).&lt;/li&gt;&lt;li&gt;Qt {4} et PySide6 {5}&#xa0;: la GNU LGPL version 3.&lt;/li&gt;&lt;li&gt;pyqtgraph {6}&#xa0;: la licence MIT.&lt;/li&gt;&lt;li&gt;numpy {7}&#xa0;: la licence BSD.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>About mnist-gui</source>
        <translation>À propos de mnist-gui</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
</context>
<context>
    <name>ActivationBars</name>
    <message>
        <source>activation</source>
        <extracomment>Colours used throughout the app. The widest a long tooltip gets, in average characters; it wraps there.</extracomment>
        <translation>activation</translation>
    </message>
    <message>
        <source>The output activations: each of the 10 output neurons gives a number between 0 and 1 (the sigmoid of its weighted input z), one per digit. The answer is the digit whose neuron is highest (green); a clear digit gives one bar near 1 and the others near 0.</source>
        <translation>Les activations de sortie&#xa0;: chacun des 10 neurones de sortie donne un nombre entre 0 et 1 (la sigmoïde de son entrée pondérée z), un par chiffre. La réponse est le chiffre dont le neurone est le plus haut (en vert)&#x202f;; un chiffre net donne une barre proche de 1 et les autres proches de 0.</translation>
    </message>
</context>
<context>
    <name>BrowseView</name>
    <message>
        <source>All images</source>
        <translation>Toutes les images</translation>
    </message>
    <message>
        <source>Misclassified only</source>
        <translation>Mal classées seulement</translation>
    </message>
    <message>
        <source>Correct only</source>
        <translation>Bien classées seulement</translation>
    </message>
    <message>
        <source>In index order</source>
        <translation>Dans l’ordre des indices</translation>
    </message>
    <message>
        <source>Highest cost first</source>
        <translation>Coût le plus élevé d’abord</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>Les plus sûres d’abord</translation>
    </message>
    <message>
        <source>Most ambiguous first</source>
        <translation>Les plus ambiguës d’abord</translation>
    </message>
    <message>
        <source>The images to browse. Test: never used in training, they show how well the network reads new digits. Validation: held out of training to choose the settings and the best epoch. Training: the images the network learned from. Or the digits you saved in the Draw view.</source>
        <extracomment>The sets the view can show, in the order of its box: MNIST&apos;s splits, then the user&apos;s digits. How many first-layer neurons &quot;what the network saw&quot; shows. The &quot;show&quot; filter, remembered as one of these words: all images, misclassified only, correct only (the show box&apos;s data: None, False, True).</extracomment>
        <translation>Les images à parcourir. Test&#xa0;: jamais utilisées pour l’entraînement, elles montrent si le réseau lit bien de nouveaux chiffres. Validation&#xa0;: tenues à l’écart de l’entraînement pour choisir les réglages et la meilleure époque. Entraînement&#xa0;: les images sur lesquelles le réseau a appris. Ou bien les chiffres que vous avez enregistrés dans la vue Dessiner.</translation>
    </message>
    <message>
        <source>Show every image, only those the network gets wrong (misclassified: its answer differs from the label), or only those it gets right</source>
        <translation>Afficher toutes les images, seulement celles où le réseau se trompe (mal classées&#xa0;: sa réponse diffère de l’étiquette), ou seulement celles où il a juste</translation>
    </message>
    <message>
        <source>Show only the images of one true class: the digit their label says</source>
        <translation>Afficher seulement les images d’une vraie classe&#xa0;: le chiffre qu’indique leur étiquette</translation>
    </message>
    <message>
        <source>Show only the images the network reads as one digit (its answer)</source>
        <translation>Afficher seulement les images que le réseau lit comme un chiffre donné (sa réponse)</translation>
    </message>
    <message>
        <source>The images chosen above, each with the network&apos;s answer under it; a red cell is a mistake, labelled true→predicted. Click one to see it large on the right; arrows, Page Up/Down, Home and End move through them.</source>
        <translation>Les images choisies ci-dessus, chacune avec la réponse du réseau en dessous&#x202f;; une case rouge est une erreur, étiquetée vrai→prédit. Cliquez sur une image pour la voir en grand à droite&#x202f;; les flèches, Page Up/Down, Home et End permettent de les parcourir.</translation>
    </message>
    <message>
        <source>The selected image, enlarged: the 28 x 28 pixels the network reads</source>
        <translation>L’image sélectionnée, agrandie&#xa0;: les 28 × 28 pixels que lit le réseau</translation>
    </message>
    <message>
        <source>Click a thumbnail</source>
        <translation>Cliquez sur une vignette</translation>
    </message>
    <message>
        <source>Open in Draw</source>
        <translation>Ouvrir dans Dessiner</translation>
    </message>
    <message>
        <source>Put this image on the Draw view&apos;s canvas, to draw on it and see the answer change (Ctrl+D)</source>
        <translation>Mettre cette image sur le canevas de la vue Dessiner, pour dessiner dessus et voir la réponse changer (Ctrl+D)</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>Copier l’image</translation>
    </message>
    <message>
        <source>Copy this image to the clipboard, enlarged 4 times (112 x 112 pixels; Ctrl+C)</source>
        <translation>Copier cette image dans le presse-papiers, agrandie 4 fois (112 × 112 pixels&#x202f;; Ctrl+C)</translation>
    </message>
    <message>
        <source>What the network saw</source>
        <translation>Ce que le réseau a vu</translation>
    </message>
    <message>
        <source>Order of the images. Cost: how wrong the network is on the image (its cost), highest first: the most confidently wrong. Confidence: the highest output activation first. Ambiguity: the smallest gap between the two highest activations first: the images the network could hardly tell apart.</source>
        <translation>Ordre des images. Coût&#xa0;: à quel point le réseau se trompe sur l’image (son coût), le plus élevé d’abord&#xa0;: les erreurs commises avec le plus d’assurance. Confiance&#xa0;: la plus forte activation de sortie d’abord. Ambiguïté&#xa0;: le plus petit écart entre les deux plus fortes activations d’abord&#xa0;: les images que le réseau a eu du mal à départager.</translation>
    </message>
    <message>
        <source>For a mistake: the first-layer neurons that pushed the image most toward the wrong answer, rather than the true one.
Each picture is the neuron&apos;s weights times the input: red where a positive weight met ink, blue a negative one.
The number is how far the neuron pushes the wrong answer&apos;s output ahead of the true one&apos;s: its activation times the difference of its weights to those two output neurons.</source>
        <translation>Pour une erreur&#xa0;: les neurones de la première couche qui ont le plus poussé l’image vers la mauvaise réponse plutôt que vers la vraie.
Chaque image est le produit des poids du neurone par l’entrée&#xa0;: rouge là où un poids positif a rencontré de l’encre, bleu pour un poids négatif.
Le nombre dit de combien le neurone fait passer la sortie de la mauvaise réponse devant celle de la vraie&#xa0;: son activation multipliée par la différence de ses poids vers ces deux neurones de sortie.</translation>
    </message>
    <message>
        <source>Rows: true class · columns: predicted class</source>
        <translation>Lignes&#xa0;: vraie classe · colonnes&#xa0;: classe prédite</translation>
    </message>
    <message>
        <source>A cell counts the images of its row&apos;s class that the network read as its column&apos;s; the last column is each class&apos;s accuracy.</source>
        <translation>Une case compte les images de la classe de sa ligne que le réseau a lues comme celle de sa colonne&#x202f;; la dernière colonne donne l’exactitude de chaque classe.</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Matrice de confusion</translation>
    </message>
    <message>
        <source>Row: true class, column: the network&apos;s answer. Click a cell to list its images.</source>
        <translation>Ligne&#xa0;: vraie classe, colonne&#xa0;: réponse du réseau. Cliquez sur une case pour lister ses images.</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Each image as a point: the first two principal components of the last hidden layer&apos;s activations.
Images the network sees alike lie close together. Hover for the image, click to select it.</source>
        <translation>Chaque image est un point&#xa0;: les deux premières composantes principales des activations de la dernière couche cachée.
Les images que le réseau voit comme semblables sont proches. Survolez pour voir l’image, cliquez pour la sélectionner.</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>Images de test</translation>
    </message>
    <message>
        <source>Validation images</source>
        <translation>Images de validation</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Images d’entraînement</translation>
    </message>
    <message>
        <source>My digits</source>
        <translation>Mes chiffres</translation>
    </message>
    <message>
        <source>{0} (unreadable)</source>
        <translation>{0} (illisible)</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Any true class</source>
        <translation>N’importe quelle vraie classe</translation>
    </message>
    <message>
        <source>true {0}</source>
        <translation>vrai {0}</translation>
    </message>
    <message>
        <source>Any prediction</source>
        <translation>N’importe quelle prédiction</translation>
    </message>
    <message>
        <source>predicted {0}</source>
        <translation>prédit {0}</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entraînement</translation>
    </message>
    <message>
        <source>own</source>
        <translation>mes chiffres</translation>
    </message>
    <message>
        <source>this network has {0} output neurons but the data set has {1} classes; open a network trained on it</source>
        <translation>ce réseau a {0} neurones de sortie mais le jeu de données a {1} classes&#x202f;; ouvrez un réseau entraîné sur ces données</translation>
    </message>
    <message>
        <source>No map: {0}</source>
        <translation>Pas de carte&#xa0;: {0}</translation>
    </message>
    <message>
        <source>No images to map</source>
        <translation>Aucune image à placer sur la carte</translation>
    </message>
    <message>
        <source>No network</source>
        <translation>Aucun réseau</translation>
    </message>
    <message>
        <source>Computing the map of {0} images…</source>
        <translation>Calcul de la carte de {0} images…</translation>
    </message>
    <message>
        <source>The network could not read these images: {0}</source>
        <translation>Le réseau n’a pas pu lire ces images&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Your digits cannot be read: see the Draw view</source>
        <translation>Vos chiffres ne peuvent pas être lus&#xa0;: voir la vue Dessiner</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>Chargement des données…</translation>
    </message>
    <message>
        <source>No digits saved yet: Save to My Digits in the Draw view</source>
        <translation>Aucun chiffre enregistré pour l’instant&#xa0;: utilisez «&#xa0;Enregistrer dans Mes chiffres&#xa0;» dans la vue Dessiner</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>bien classées</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>mal classées</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} sur {1}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}&#xa0;: {1}</translation>
    </message>
    <message>
        <source>{0} · no network</source>
        <translation>{0} · aucun réseau</translation>
    </message>
    <message>
        <source>{0} · reading them with the network…</source>
        <translation>{0} · lecture par le réseau…</translation>
    </message>
    <message>
        <source>{0} · {1} misclassified, accuracy {2}</source>
        <translation>{0} · {1} mal classées, exactitude {2}</translation>
    </message>
    <message>
        <source>Test image</source>
        <translation>Image de test</translation>
    </message>
    <message>
        <source>Validation image</source>
        <translation>Image de validation</translation>
    </message>
    <message>
        <source>Training image</source>
        <translation>Image d’entraînement</translation>
    </message>
    <message>
        <source>My digit</source>
        <translation>Mon chiffre</translation>
    </message>
    <message>
        <source>No image to show: no image of this set passes the filter</source>
        <translation>Aucune image à afficher&#xa0;: aucune image de cet ensemble ne passe le filtre</translation>
    </message>
    <message>
        <source>{0} #{1}</source>
        <translation>{0} nº {1}</translation>
    </message>
    <message>
        <source>{0}&lt;br&gt;True: &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>{0}&lt;br&gt;Vrai&#xa0;: &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>correct</source>
        <comment>the verdict on one image</comment>
        <translation>juste</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>faux</translation>
    </message>
    <message>
        <source>activation {0}</source>
        <translation>activation {0}</translation>
    </message>
    <message>
        <source>{0}; for {1}: {2}</source>
        <translation>{0}&#x202f;; pour {1}&#xa0;: {2}</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>entropie croisée</translation>
    </message>
    <message>
        <source>quadratic</source>
        <translation>quadratique</translation>
    </message>
    <message>
        <source>cost {0} ({1})</source>
        <translation>coût {0} ({1})</translation>
    </message>
    <message>
        <source>{0}&lt;br&gt;True: &lt;b&gt;{1}&lt;/b&gt; · Predicted: &lt;b&gt;{2}&lt;/b&gt; ({3})&lt;br&gt;{4}&lt;br&gt;{5}</source>
        <translation>{0}&lt;br&gt;Vrai&#xa0;: &lt;b&gt;{1}&lt;/b&gt; · Prédit&#xa0;: &lt;b&gt;{2}&lt;/b&gt; ({3})&lt;br&gt;{4}&lt;br&gt;{5}</translation>
    </message>
    <message>
        <source>Hidden neuron {0}: its weights times the input; it pushes the wrong answer&apos;s output ahead of the true one&apos;s by {1}</source>
        <translation>Neurone caché {0}&#xa0;: ses poids multipliés par l’entrée&#x202f;; il avantage la mauvaise réponse sur la bonne de {1}</translation>
    </message>
    <message>
        <source>Hidden neurons that pushed most toward {0} rather than {1}</source>
        <translation>Neurones cachés qui ont le plus poussé vers {0} plutôt que {1}</translation>
    </message>
    <message>
        <source>This network has no hidden layer: nothing to show.</source>
        <translation>Ce réseau n’a pas de couche cachée&#xa0;: rien à montrer.</translation>
    </message>
    <message>
        <source>Read correctly. Select a mistake (red) to see what pushed it wrong.</source>
        <translation>Bien lue. Sélectionnez une erreur (en rouge) pour voir ce qui l’a fait échouer.</translation>
    </message>
    <message>
        <source>Select a mistake (red) to see what pushed it wrong.</source>
        <translation>Sélectionnez une erreur (en rouge) pour voir ce qui l’a fait échouer.</translation>
    </message>
    <message>
        <source>{0} #{1}, labelled {2}. Draw on it to see the answer change.</source>
        <translation>{0} nº {1}, étiquetée {2}. Dessinez dessus pour voir la réponse changer.</translation>
    </message>
    <message>
        <source>{0} #{1} copied to the clipboard</source>
        <translation>{0} nº {1} copiée dans le presse-papiers</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
</context>
<context>
    <name>ConfusionTable</name>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>acc. %</source>
        <translation>exact.&#x202f;%</translation>
    </message>
    <message>
        <source>Predicted {0}</source>
        <translation>Prédit {0}</translation>
    </message>
    <message>
        <source>True {0}</source>
        <translation>Vrai {0}</translation>
    </message>
    <message>
        <source>Accuracy on the images of each class, in percent</source>
        <translation>Exactitude sur les images de chaque classe, en pourcentage</translation>
    </message>
    <message>
        <source>Confusion matrix on the {0} images: each row is a true class, each column the network&apos;s answer, and a cell counts the images of that row&apos;s class read as that column&apos;s. The diagonal (green) holds the right answers; every other cell counts one kind of mistake (red when there are any), such as 4 read as 9.
Click a cell to browse its images, the most confident first; the last column gives each class&apos;s accuracy, and a click there lists its mistakes.</source>
        <translation>Matrice de confusion sur les images de {0}&#xa0;: chaque ligne est une vraie classe, chaque colonne une réponse du réseau, et une case compte les images de la classe de sa ligne lues comme le chiffre de sa colonne. La diagonale (en vert) contient les bonnes réponses&#x202f;; chaque autre case compte un type d’erreur (en rouge s’il y en a), par exemple un 4 lu comme un 9.
Cliquez sur une case pour parcourir ses images, les plus sûres d’abord&#x202f;; la dernière colonne donne l’exactitude de chaque classe, et un clic dessus liste ses erreurs.</translation>
    </message>
    <message>
        <source>{0} {1} images of a {2} read correctly: click to list them</source>
        <translation>{0} images de {1} d’un {2} lues correctement&#xa0;: cliquez pour les lister</translation>
    </message>
    <message>
        <source>{0} {1} images of a {2} predicted as {3}: click to list them</source>
        <translation>{0} images de {1} d’un {2} prédites comme {3}&#xa0;: cliquez pour les lister</translation>
    </message>
    <message>
        <source>Accuracy on the {0} images of a {1}: {2}; click to list its mistakes</source>
        <translation>Exactitude sur les images de {0} d’un {1}&#xa0;: {2}&#x202f;; cliquez pour lister ses erreurs</translation>
    </message>
</context>
<context>
    <name>DataMap</name>
    <message>
        <source>1st principal component</source>
        <extracomment>The classes&apos; colours, (r, g, b) 0-255: matplotlib&apos;s &quot;tab10&quot; (Tableau 10), class i gets CLASS_COLORS[i % 10]. Colour (r, g, b) of the points outside the highlight mask (:meth:`DataMap.set_highlighted`). Diameter of a point, in screen pixels. Size of a mistake&apos;s &apos;x&apos;, in screen pixels. Diameter of the ring around the current point, in screen pixels. A point is hovered or clicked when the pointer is at most this far from it, in screen pixels. Side of the hover thumbnail, in screen pixels (the 28 x 28 image scaled 2x, nearest neighbour).</extracomment>
        <translation>1re composante principale</translation>
    </message>
    <message>
        <source>2nd principal component</source>
        <translation>2e composante principale</translation>
    </message>
    <message>
        <source>Last hidden layer&apos;s activations</source>
        <translation>Activations de la dernière couche cachée</translation>
    </message>
    <message>
        <source>Each image is a point, coloured by its true class. Its place comes from the last hidden layer&apos;s activations, projected on their first two principal components: the two directions along which they vary most. Images the network sees alike lie close together, and its mistakes lie where two classes meet.
Hover for the image, click to select it; drag to pan, wheel to zoom, double-click to fit.</source>
        <translation>Chaque image est un point, coloré selon sa vraie classe. Sa place vient des activations de la dernière couche cachée, projetées sur leurs deux premières composantes principales&#xa0;: les deux directions selon lesquelles elles varient le plus. Les images que le réseau voit comme semblables sont proches, et ses erreurs se trouvent là où deux classes se rencontrent.
Survolez pour voir l’image, cliquez pour la sélectionner&#x202f;; faites glisser pour vous déplacer, molette pour zoomer, double-clic pour tout afficher.</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>faux</translation>
    </message>
    <message>
        <source>A cross marks a misclassified image, in its true class&apos;s colour</source>
        <translation>Une croix marque une image mal classée, dans la couleur de sa vraie classe</translation>
    </message>
    <message>
        <source>#{0}: true {1}</source>
        <translation>nº {0}&#xa0;: vrai {1}</translation>
    </message>
    <message>
        <source>#{0}: true {1}, predicted {2}</source>
        <translation>nº {0}&#xa0;: vrai {1}, prédit {2}</translation>
    </message>
</context>
<context>
    <name>DigitListModel</name>
    <message>
        <source>Image #{0}: label {1}</source>
        <translation>Image nº {0}&#xa0;: étiquette {1}</translation>
    </message>
    <message>
        <source>Image #{0}: true {1}, predicted {2} (wrong)</source>
        <translation>Image nº {0}&#xa0;: vrai {1}, prédit {2} (faux)</translation>
    </message>
    <message>
        <source>Image #{0}: predicted {1} (correct)</source>
        <translation>Image nº {0}&#xa0;: prédit {1} (juste)</translation>
    </message>
</context>
<context>
    <name>DrawView</name>
    <message>
        <source>&amp;Undo</source>
        <extracomment>Least time between two answers while a stroke is being drawn (ms); each stroke&apos;s end is answered at once. An image file larger than this (pixels, longer side) is decoded scaled down to it: the canvas is 280 pixels wide, and a camera&apos;s photo would take a second and 100 MB. Memory an image may take to decode when Qt sets no allocation limit (MB; Qt&apos;s default limit). Settings keys.</extracomment>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Take back the last stroke, clear or image (Ctrl+Z)</source>
        <translation>Reprendre le dernier trait, effacement ou image (Ctrl+Z)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Do again what Undo took back (Ctrl+Shift+Z)</source>
        <translation>Refaire ce qu’Annuler a défait (Ctrl+Maj+Z)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Effacer</translation>
    </message>
    <message>
        <source>Erase the drawing (Esc, Delete or a right click; undoable)</source>
        <translation>Effacer le dessin (Échap, Suppr ou clic droit&#x202f;; annulable)</translation>
    </message>
    <message>
        <source>Width of the pen in canvas pixels (a tablet pen&apos;s at medium pressure). The network gets your strokes redrawn in proportion to the digit&apos;s size, so thin and thick pens read alike.</source>
        <translation>Épaisseur du crayon en pixels du canevas (celle d’un stylet de tablette à pression moyenne). Le réseau reçoit vos traits redessinés en proportion de la taille du chiffre&#xa0;: un crayon fin ou épais se lit de la même façon.</translation>
    </message>
    <message>
        <source>Pen width</source>
        <translation>Épaisseur du crayon</translation>
    </message>
    <message>
        <source>Pen:</source>
        <translation>Crayon&#xa0;:</translation>
    </message>
    <message>
        <source>Which MNIST test image to load, by its number (0 is the first); press Enter or Load</source>
        <translation>Quelle image de test MNIST charger, par son numéro (0 est la première)&#x202f;; appuyez sur Entrée ou sur Charger</translation>
    </message>
    <message>
        <source>Test image number</source>
        <translation>Numéro de l’image de test</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>&amp;Charger</translation>
    </message>
    <message>
        <source>Put this MNIST test image on the canvas, scaled up, to edit it</source>
        <translation>Mettre cette image de test de MNIST sur le canevas, agrandie, pour la modifier</translation>
    </message>
    <message>
        <source>R&amp;andom</source>
        <translation>&amp;Au hasard</translation>
    </message>
    <message>
        <source>Put a random MNIST test image on the canvas (Ctrl+R)</source>
        <translation>Mettre une image de test de MNIST tirée au hasard sur le canevas (Ctrl+R)</translation>
    </message>
    <message>
        <source>Open &amp;Image File…</source>
        <translation>Ouvrir un fichier &amp;image…</translation>
    </message>
    <message>
        <source>Read a PNG or JPEG picture of a handwritten digit (Ctrl+Shift+O); you can also drop one on the canvas. Dark ink on paper works too.</source>
        <translation>Lire une photo PNG ou JPEG d’un chiffre manuscrit (Ctrl+Maj+O)&#x202f;; vous pouvez aussi en déposer une sur le canevas. De l’encre foncée sur du papier convient aussi.</translation>
    </message>
    <message>
        <source>Test image:</source>
        <translation>Image de test&#xa0;:</translation>
    </message>
    <message>
        <source>From the data set or a file</source>
        <translation>Du jeu de données ou d’un fichier</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>The network&apos;s answer</source>
        <translation>La réponse du réseau</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Network answering</source>
        <translation>Réseau qui répond</translation>
    </message>
    <message>
        <source>Draw a digit:</source>
        <translation>Dessinez un chiffre&#xa0;:</translation>
    </message>
    <message>
        <source>It answers:</source>
        <translation>Réponse du réseau&#xa0;:</translation>
    </message>
    <message>
        <source>How the network sees it:</source>
        <translation>Ce que voit le réseau&#xa0;:</translation>
    </message>
    <message>
        <source>The answer is the output neuron with the highest activation. MNIST&apos;s digits were scaled to fit 20 x 20 pixels and centred by their centre of mass; your drawing is prepared the same way (your strokes redrawn with a pen in proportion to the digit&apos;s size). A drawing with no digit&apos;s shape (a dot, a line, a blot, hatching, a full canvas) is refused, and a weak or close answer is called unsure.</source>
        <translation>La réponse est le neurone de sortie dont l’activation est la plus forte. Les chiffres de MNIST ont été mis à l’échelle pour tenir dans 20 × 20 pixels et centrés sur leur centre de masse&#x202f;; votre dessin est préparé de la même façon (vos traits redessinés avec un crayon proportionné à la taille du chiffre). Un dessin qui n’a pas la forme d’un chiffre (un point, un trait, une tache, des hachures, un canevas plein) est refusé, et une réponse faible ou serrée est dite incertaine.</translation>
    </message>
    <message>
        <source>&amp;Undo Stroke</source>
        <translation>&amp;Annuler le trait</translation>
    </message>
    <message>
        <source>Take back the last stroke, clear or image on the canvas</source>
        <translation>Reprendre le dernier trait, effacement ou image sur le canevas</translation>
    </message>
    <message>
        <source>&amp;Redo Stroke</source>
        <translation>&amp;Rétablir le trait</translation>
    </message>
    <message>
        <source>Do again what Undo took back</source>
        <translation>Refaire ce qu’Annuler a défait</translation>
    </message>
    <message>
        <source>&amp;Clear Drawing</source>
        <translation>&amp;Effacer le dessin</translation>
    </message>
    <message>
        <source>Erase the drawing on the Draw view (undoable)</source>
        <translation>Effacer le dessin de la vue Dessiner (annulable)</translation>
    </message>
    <message>
        <source>Load &amp;Test Image</source>
        <translation>Charger l’image de &amp;test</translation>
    </message>
    <message>
        <source>Put the chosen MNIST test image on the canvas, to edit it</source>
        <translation>Mettre l’image de test de MNIST choisie sur le canevas, pour la modifier</translation>
    </message>
    <message>
        <source>Load R&amp;andom Test Image</source>
        <translation>Charger une image de test &amp;au hasard</translation>
    </message>
    <message>
        <source>Put a random MNIST test image on the canvas</source>
        <translation>Mettre une image de test de MNIST tirée au hasard sur le canevas</translation>
    </message>
    <message>
        <source>Open &amp;Image…</source>
        <translation>Ouvrir une &amp;image…</translation>
    </message>
    <message>
        <source>Read a PNG or JPEG picture of a handwritten digit</source>
        <translation>Lire une photo PNG ou JPEG d’un chiffre manuscrit</translation>
    </message>
    <message>
        <source>The data set is not loaded yet: wait a moment and try again.</source>
        <translation>Le jeu de données n’est pas encore chargé&#xa0;: patientez un instant et réessayez.</translation>
    </message>
    <message>
        <source>There is no test image {0}: the test set has {1} images (0 to {2}).</source>
        <translation>Il n’y a pas d’image de test {0}&#xa0;: l’ensemble de test compte {1} images (de 0 à {2}).</translation>
    </message>
    <message>
        <source>Test image {0}, labelled {1}. Draw on it to see the answer change.</source>
        <translation>Image de test {0}, étiquetée {1}. Dessinez dessus pour voir la réponse changer.</translation>
    </message>
    <message>
        <source>Open image of a digit</source>
        <translation>Ouvrir l’image d’un chiffre</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot read {0}: {1}. Open a PNG or JPEG picture of a digit.</source>
        <translation>Impossible de lire {0}&#xa0;: {1}. Ouvrez une photo PNG ou JPEG d’un chiffre.</translation>
    </message>
    <message>
        <source>Opened {0} ({1} x {2} pixels).</source>
        <translation>{0} ouvert ({1} × {2} pixels).</translation>
    </message>
    <message>
        <source>Cannot open {0}: the picture is too large, {1} x {2} pixels ({3} MB to decode, more than the {4} MB allowed). Scale it down (a digit needs a few hundred pixels at most) and open it again.</source>
        <translation>Impossible d’ouvrir {0}&#xa0;: l’image est trop grande, {1} × {2} pixels ({3} Mo à décoder, plus que les {4} Mo permis). Réduisez-la (un chiffre n’a besoin que de quelques centaines de pixels au plus) et ouvrez-la de nouveau.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>the run in progress</source>
        <translation>l’entraînement en cours</translation>
    </message>
    <message>
        <source>Answered by {0}, after epoch {1} (training)</source>
        <translation>Réponse&#xa0;: {0}, après l’époque {1} (en entraînement)</translation>
    </message>
    <message>
        <source>No network to answer with yet.</source>
        <translation>Pas encore de réseau pour répondre.</translation>
    </message>
    <message>
        <source>Answered by {0} (until {1} completes its first epoch)</source>
        <translation>Réponse&#xa0;: {0} (tant que {1} n’a pas terminé sa première époque)</translation>
    </message>
    <message>
        <source>Answered by {0}</source>
        <translation>Réponse&#xa0;: {0}</translation>
    </message>
    <message>
        <source>(The network alone would answer {0}.)</source>
        <translation>(Le réseau seul répondrait {0}.)</translation>
    </message>
    <message>
        <source>activation {0}</source>
        <translation>activation {0}</translation>
    </message>
    <message>
        <source>It is a {0}.</source>
        <translation>C’est un {0}.</translation>
    </message>
    <message>
        <source>Unsure: a {0} or a {1}?</source>
        <translation>Incertain&#xa0;: un {0} ou un {1}&#x202f;?</translation>
    </message>
    <message>
        <source>The two strongest activations are close: {0} and {1}.</source>
        <translation>Les deux activations les plus fortes sont proches&#xa0;: {0} et {1}.</translation>
    </message>
    <message>
        <source>Unsure: perhaps a {0}.</source>
        <translation>Incertain&#xa0;: peut-être un {0}.</translation>
    </message>
    <message>
        <source>Its strongest activation is only {0}; a clear digit gives nearly 1.</source>
        <translation>Son activation la plus forte n’est que de {0}&#x202f;; un chiffre net donne presque 1.</translation>
    </message>
    <message>
        <source>Unsure: there is no network to ask.</source>
        <translation>Incertain&#xa0;: il n’y a pas de réseau à interroger.</translation>
    </message>
    <message>
        <source>Load or train a network.</source>
        <translation>Chargez ou entraînez un réseau.</translation>
    </message>
    <message>
        <source>Unsure ({0}).</source>
        <translation>Incertain ({0}).</translation>
    </message>
    <message>
        <source>Nothing drawn yet.</source>
        <translation>Rien de dessiné pour le moment.</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>Dessinez un chiffre</translation>
    </message>
    <message>
        <source>Not a digit: a dot.</source>
        <translation>Pas un chiffre&#xa0;: un point.</translation>
    </message>
    <message>
        <source>Draw it larger</source>
        <translation>Dessinez-le plus grand</translation>
    </message>
    <message>
        <source>Not a digit: a blot of ink.</source>
        <translation>Pas un chiffre&#xa0;: une tache d’encre.</translation>
    </message>
    <message>
        <source>Draw the digit&apos;s strokes, larger or with a thinner pen</source>
        <translation>Dessinez les traits du chiffre, plus grand ou avec un crayon plus fin</translation>
    </message>
    <message>
        <source>Not a digit: a straight line, too flat or leaning the wrong way for a one.</source>
        <translation>Pas un chiffre&#xa0;: un trait droit, trop plat ou trop penché pour un un.</translation>
    </message>
    <message>
        <source>A one stands nearly upright; draw a whole digit</source>
        <translation>Un un se tient presque droit&#x202f;; dessinez un chiffre entier</translation>
    </message>
    <message>
        <source>Not a digit: hatching (strokes crossing each other).</source>
        <translation>Pas un chiffre&#xa0;: des hachures (des traits qui se croisent).</translation>
    </message>
    <message>
        <source>Clear (Esc) and draw one digit</source>
        <translation>Effacez (Échap) et dessinez un seul chiffre</translation>
    </message>
    <message>
        <source>Not a digit: several separate pieces.</source>
        <translation>Pas un chiffre&#xa0;: plusieurs morceaux séparés.</translation>
    </message>
    <message>
        <source>Clear (Esc) and draw one digit, its strokes joined</source>
        <translation>Effacez (Échap) et dessinez un seul chiffre, aux traits reliés</translation>
    </message>
    <message>
        <source>Not a digit: a dense mass of ink.</source>
        <translation>Pas un chiffre&#xa0;: une masse d’encre compacte.</translation>
    </message>
    <message>
        <source>Clear (Esc) and draw one digit with a thinner pen</source>
        <translation>Effacez (Échap) et dessinez un seul chiffre avec un crayon plus fin</translation>
    </message>
    <message>
        <source>Not a digit: strokes too thin for their size.</source>
        <translation>Pas un chiffre&#xa0;: des traits trop fins pour leur taille.</translation>
    </message>
    <message>
        <source>Draw with a wider pen</source>
        <translation>Dessinez avec un crayon plus épais</translation>
    </message>
    <message>
        <source>Not a digit: straight strokes crossing (an X, a +, a #).</source>
        <translation>Pas un chiffre&#xa0;: des traits droits qui se croisent (un X, un +, un #).</translation>
    </message>
    <message>
        <source>Not a digit: a zigzag, back and forth.</source>
        <translation>Pas un chiffre&#xa0;: un zigzag, des allers-retours.</translation>
    </message>
    <message>
        <source>Not a digit: a scribble.</source>
        <translation>Pas un chiffre&#xa0;: un gribouillis.</translation>
    </message>
    <message>
        <source>Not a digit: ink over most of the canvas.</source>
        <translation>Pas un chiffre&#xa0;: de l’encre sur presque tout le canevas.</translation>
    </message>
    <message>
        <source>Clear (Esc) and draw one digit with space around it</source>
        <translation>Effacez (Échap) et dessinez un seul chiffre avec de l’espace autour</translation>
    </message>
    <message>
        <source>Not a digit ({0}).</source>
        <translation>Pas un chiffre ({0}).</translation>
    </message>
    <message>
        <source>{0} px</source>
        <translation>{0} px</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw a digit with the mouse (left button) or a pen.
Right click, Esc or Delete clears; Ctrl+Z undoes a stroke.
Drop a PNG or JPEG image here to read it.</source>
        <extracomment>Points of a stroke closer than this to the last one kept are dropped (canvas pixels): a resting or sub-pixel mouse adds nothing but work. The network&apos;s copy of a stroke leaves out points closer than this to the last one kept (canvas pixels; a seventh of a pixel in MNIST&apos;s 20 x 20 box): the same curve, painted several times faster. Undo keeps at most this many earlier states (each a copy of the 280 x 280 image, 78 kB). Pen widths the user can choose (canvas pixels). Pen width for the network&apos;s copy, as a fraction of the drawing&apos;s larger side: a 22 px pen on a 200 px digit, which comes out about 2 px wide in MNIST&apos;s 20 x 20 box... ... and at least this fraction, so that a digit drawn with a very thin pen is not a hairline either once scaled (measured with the bundled network on 105 digits of benchmarks/_canvas_timing.py drawn with a 5 px pen: 56 read without this floor, 105 with it; at 10 to 40 px, 105 either way). A drawing whose points span less than this (pixels) is too small to redraw in proportion: the network gets it as shown (and :func:`core.reading.read_canvas` calls it a dot).</extracomment>
        <translation>Dessinez un chiffre à la souris (bouton gauche) ou au stylet.
Un clic droit, Échap ou Suppr efface&#x202f;; Ctrl+Z annule un trait.
Déposez ici une image PNG ou JPEG pour la lire.</translation>
    </message>
    <message>
        <source>Drawing canvas</source>
        <translation>Canevas de dessin</translation>
    </message>
    <message>
        <source>Draw a digit; the network&apos;s answer is shown beside it</source>
        <translation>Dessinez un chiffre&#x202f;; la réponse du réseau s’affiche à côté</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Draw</source>
        <extracomment>The smallest window (width, height) in pixels: every view keeps all its controls usable.</extracomment>
        <translation>&amp;Dessiner</translation>
    </message>
    <message>
        <source>Draw a digit and see what the network answers</source>
        <translation>Dessiner un chiffre et voir ce que répond le réseau</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>En&amp;traîner</translation>
    </message>
    <message>
        <source>Train a new network on MNIST and watch it learn</source>
        <translation>Entraîner un nouveau réseau sur MNIST et le regarder apprendre</translation>
    </message>
    <message>
        <source>&amp;Browse</source>
        <translation>&amp;Parcourir</translation>
    </message>
    <message>
        <source>Browse the test images, the misclassified ones above all</source>
        <translation>Parcourir les images de test, surtout celles qui sont mal classées</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Échec de l’entraînement</translation>
    </message>
    <message>
        <source>the bundled network</source>
        <translation>le réseau fourni</translation>
    </message>
    <message>
        <source>an untrained network</source>
        <translation>un réseau non entraîné</translation>
    </message>
    <message>
        <source>untrained network</source>
        <translation>réseau non entraîné</translation>
    </message>
    <message>
        <source>bundled MNIST</source>
        <translation>MNIST fourni</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>&amp;Ouvrir un modèle…</translation>
    </message>
    <message>
        <source>Load a network saved as .npz</source>
        <translation>Charger un réseau enregistré au format .npz</translation>
    </message>
    <message>
        <source>&amp;Save Model As…</source>
        <translation>&amp;Enregistrer le modèle sous…</translation>
    </message>
    <message>
        <source>Save the current network as .npz</source>
        <translation>Enregistrer le réseau actuel au format .npz</translation>
    </message>
    <message>
        <source>Load &amp;Default Model</source>
        <translation>Charger le modèle par &amp;défaut</translation>
    </message>
    <message>
        <source>Go back to the pretrained network bundled with the app</source>
        <translation>Revenir au réseau préentraîné fourni avec l’application</translation>
    </message>
    <message>
        <source>Open &amp;Data Folder…</source>
        <translation>Ouvrir un dossier de &amp;données…</translation>
    </message>
    <message>
        <source>Use another data set in MNIST&apos;s IDX layout (e.g. Fashion-MNIST)</source>
        <translation>Utiliser un autre jeu de données au format IDX de MNIST (par exemple Fashion-MNIST)</translation>
    </message>
    <message>
        <source>Use &amp;Bundled MNIST</source>
        <translation>Utiliser le MNIST &amp;fourni</translation>
    </message>
    <message>
        <source>Go back to the MNIST copy bundled with the app</source>
        <translation>Revenir à la copie de MNIST fournie avec l’application</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Run&apos;s Curves as &amp;CSV…</source>
        <translation>Courbes de l’entraînement en &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the selected run&apos;s cost and accuracy curves as CSV</source>
        <translation>Enregistrer les courbes de coût et d’exactitude de l’entraînement sélectionné au format CSV</translation>
    </message>
    <message>
        <source>Plots as &amp;PNG…</source>
        <translation>Graphiques en &amp;PNG…</translation>
    </message>
    <message>
        <source>Save the Train view&apos;s plots as a PNG image</source>
        <translation>Enregistrer les graphiques de la vue Entraîner en image PNG</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Quit (stops any training)</source>
        <translation>Quitter (arrête tout entraînement)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>&amp;Entraînement</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>&amp;Lancer l’entraînement</translation>
    </message>
    <message>
        <source>Train a new network with the Train view&apos;s settings</source>
        <translation>Entraîner un nouveau réseau avec les réglages de la vue Entraîner</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Pause / Reprise</translation>
    </message>
    <message>
        <source>Pause the run after the current mini-batch, or resume it</source>
        <translation>Mettre l’entraînement en pause après le mini-lot en cours, ou le reprendre</translation>
    </message>
    <message>
        <source>Step &amp;One Epoch</source>
        <translation>Avancer d’&amp;une époque</translation>
    </message>
    <message>
        <source>While paused: train to the end of the epoch, then pause again</source>
        <translation>En pause&#xa0;: entraîner jusqu’à la fin de l’époque, puis se remettre en pause</translation>
    </message>
    <message>
        <source>S&amp;top Training</source>
        <translation>A&amp;rrêter l’entraînement</translation>
    </message>
    <message>
        <source>Stop after the current mini-batch</source>
        <translation>Arrêter après le mini-lot en cours</translation>
    </message>
    <message>
        <source>Change &amp;Learning Rate</source>
        <translation>Changer le &amp;taux d’apprentissage</translation>
    </message>
    <message>
        <source>Type a new eta in the form and press Enter; during a run it applies from the next mini-batch</source>
        <translation>Tapez un nouveau eta dans le formulaire et appuyez sur Entrée&#x202f;; pendant un entraînement, il s’applique dès le mini-lot suivant</translation>
    </message>
    <message>
        <source>&amp;Use Selected Run&apos;s Network</source>
        <translation>&amp;Utiliser le réseau de l’entraînement sélectionné</translation>
    </message>
    <message>
        <source>Draw and Browse switch to the network of the run selected in the runs table</source>
        <translation>Dessiner et Parcourir passent au réseau de l’entraînement sélectionné dans le tableau des entraînements</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Show the Draw view</source>
        <translation>Afficher la vue Dessiner</translation>
    </message>
    <message>
        <source>Show the Train view</source>
        <translation>Afficher la vue Entraîner</translation>
    </message>
    <message>
        <source>Show the Browse view</source>
        <translation>Afficher la vue Parcourir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Show mnist-gui in this language from the next start</source>
        <translation>Afficher mnist-gui dans cette langue à partir du prochain démarrage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;Help on This View</source>
        <translation>&amp;Aide sur cette vue</translation>
    </message>
    <message>
        <source>Help on the view shown: what it does, what to try, and where to read more</source>
        <translation>Aide sur la vue affichée&#xa0;: ce qu’elle fait, quoi essayer, et où en lire plus</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>List every keyboard shortcut of the menus</source>
        <translation>Lister tous les raccourcis clavier des menus</translation>
    </message>
    <message>
        <source>&amp;About mnist-gui</source>
        <translation>À &amp;propos de mnist-gui</translation>
    </message>
    <message>
        <source>Version, licences and credits</source>
        <translation>Version, licences et crédits</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The interface will be in {0} from the next start of mnist-gui. Quit and start it again to see the change.</source>
        <translation>L’interface sera en {0} à partir du prochain démarrage de mnist-gui. Quittez et relancez l’application pour voir le changement.</translation>
    </message>
    <message>
        <source>the system&apos;s language ({0})</source>
        <translation>langue du système ({0})</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>Training started without your digits: they cannot be read, so this run leaves them out (the Draw view says why and what to do).</source>
        <translation>Entraînement lancé sans vos chiffres&#xa0;: ils ne peuvent pas être lus, cet entraînement s’en passe donc (la vue Dessiner dit pourquoi et que faire).</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>Impossible d’ouvrir le modèle</translation>
    </message>
    <message>
        <source>{0}

The current network is unchanged.</source>
        <translation>{0}

Le réseau actuel n’a pas changé.</translation>
    </message>
    <message>
        <source>{0}

Using {1} instead.</source>
        <translation>{0}

Utilisation de {1} à la place.</translation>
    </message>
    <message>
        <source>Loaded {0}</source>
        <translation>{0} chargé</translation>
    </message>
    <message>
        <source>Cannot save model</source>
        <translation>Impossible d’enregistrer le modèle</translation>
    </message>
    <message>
        <source>{0}: {1}

Nothing was overwritten.</source>
        <translation>{0}&#xa0;: {1}

Rien n’a été écrasé.</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} enregistré</translation>
    </message>
    <message>
        <source>Loading data from {0}…</source>
        <translation>Chargement des données depuis {0}…</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Ouvrir un modèle</translation>
    </message>
    <message>
        <source>Model files (*.npz);;All files (*)</source>
        <translation>Fichiers de modèle (*.npz);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>loading {0}</source>
        <translation>chargement de {0}</translation>
    </message>
    <message>
        <source>loading the default model</source>
        <translation>chargement du modèle par défaut</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>Enregistrer le modèle</translation>
    </message>
    <message>
        <source>Model files (*.npz)</source>
        <translation>Fichiers de modèle (*.npz)</translation>
    </message>
    <message>
        <source>Folder with the four IDX files</source>
        <translation>Dossier contenant les quatre fichiers IDX</translation>
    </message>
    <message>
        <source>Loaded {0} images from {1}</source>
        <translation>{0} images chargées depuis {1}</translation>
    </message>
    <message>
        <source>Could not load data from {0}</source>
        <translation>Impossible de charger les données depuis {0}</translation>
    </message>
    <message>
        <source>Cannot load data</source>
        <translation>Impossible de charger les données</translation>
    </message>
    <message>
        <source>{0}

Using the bundled MNIST instead.</source>
        <translation>{0}

Utilisation du MNIST fourni à la place.</translation>
    </message>
    <message>
        <source>{0}

The data in use is unchanged.</source>
        <translation>{0}

Les données utilisées n’ont pas changé.</translation>
    </message>
    <message>
        <source>default size</source>
        <translation>taille par défaut</translation>
    </message>
    <message>
        <source>Waiting for the correction to finish…</source>
        <translation>Attente de la fin de la correction…</translation>
    </message>
    <message>
        <source>Save the corrected network?</source>
        <translation>Enregistrer le réseau corrigé&#x202f;?</translation>
    </message>
    <message>
        <source>Save the trained network?</source>
        <translation>Enregistrer le réseau entraîné&#x202f;?</translation>
    </message>
    <message>
        <source>The network in use ({0}) has not been saved, and no run keeps it: {1} replaces it, and it would be lost. Save it first?</source>
        <translation>Le réseau utilisé ({0}) n’a pas été enregistré et aucun entraînement ne le garde&#xa0;: {1} le remplace, et il serait perdu. L’enregistrer d’abord&#x202f;?</translation>
    </message>
    <message>
        <source>A run is in progress (1 epoch done). Quit and discard it?</source>
        <translation>Un entraînement est en cours (1 époque terminée). Quitter et l’abandonner&#x202f;?</translation>
    </message>
    <message>
        <source>A run is in progress ({0} epochs done). Quit and discard it?</source>
        <translation>Un entraînement est en cours ({0} époques terminées). Quitter et l’abandonner&#x202f;?</translation>
    </message>
    <message>
        <source>Quit while training?</source>
        <translation>Quitter pendant l’entraînement&#x202f;?</translation>
    </message>
    <message>
        <source>Quit without saving?</source>
        <translation>Quitter sans enregistrer&#x202f;?</translation>
    </message>
    <message>
        <source>The networks of {0} were never saved and will be lost. Quit anyway? (To keep one, select it in the runs table, Use Network, then File &gt; Save Model As…)</source>
        <translation>Les réseaux de {0} n’ont jamais été enregistrés et seront perdus. Quitter quand même&#x202f;? (Pour en garder un, sélectionnez-le dans le tableau des entraînements, Utiliser le réseau, puis Fichier &gt; Enregistrer le modèle sous…)</translation>
    </message>
    <message>
        <source> The networks of {0} were never saved either.</source>
        <translation> Les réseaux de {0} n’ont pas été enregistrés non plus.</translation>
    </message>
    <message>
        <source>The network in use ({0}) has not been saved. Save it before quitting?{1}</source>
        <translation>Le réseau utilisé ({0}) n’a pas été enregistré. L’enregistrer avant de quitter&#x202f;?{1}</translation>
    </message>
    <message>
        <source>Stopping training, then quitting…</source>
        <translation>Arrêt de l’entraînement, puis fermeture…</translation>
    </message>
</context>
<context>
    <name>NetworkInsideView</name>
    <message>
        <source>Network {0}</source>
        <translation>Réseau {0}</translation>
    </message>
</context>
<context>
    <name>NeuronDetail</name>
    <message>
        <source>The neuron&apos;s incoming weights, in the mosaic&apos;s colours.</source>
        <translation>Les poids entrants du neurone, dans les couleurs de la mosaïque.</translation>
    </message>
    <message>
        <source>The neuron computes z = w · x + b and outputs σ(z): a negative bias needs more ink on its red pixels to switch it on.</source>
        <translation>Le neurone calcule z = w · x + b et renvoie σ(z)&#xa0;: avec un biais négatif, il faut plus d’encre sur ses pixels rouges pour l’activer.</translation>
    </message>
    <message>
        <source>How much this neuron&apos;s output adds to each next neuron&apos;s z: a tall red bar means it votes for that digit, blue against.</source>
        <translation>Ce que la sortie de ce neurone ajoute au z de chaque neurone suivant&#xa0;: une haute barre rouge signifie qu’il vote pour ce chiffre, une barre bleue qu’il vote contre.</translation>
    </message>
    <message>
        <source>The neuron&apos;s outgoing weights: how much its output adds to each neuron of the next layer&apos;s weighted input z. A tall red bar votes for that digit, a blue one against.</source>
        <translation>Les poids sortants du neurone&#xa0;: combien sa sortie ajoute à l’entrée pondérée z de chaque neurone de la couche suivante. Une haute barre rouge vote pour ce chiffre, une bleue contre.</translation>
    </message>
    <message>
        <source>Click a tile to see its neuron here.</source>
        <translation>Cliquez sur une tuile pour voir ici son neurone.</translation>
    </message>
    <message>
        <source>Output neuron {0} (digit {0})</source>
        <translation>Neurone de sortie {0} (chiffre {0})</translation>
    </message>
    <message>
        <source>Hidden layer 1, neuron {0} (of 0–{1})</source>
        <translation>Couche cachée 1, neurone {0} (sur 0–{1})</translation>
    </message>
    <message>
        <source>bias b = {0}</source>
        <translation>biais b = {0}</translation>
    </message>
    <message>
        <source>An output neuron: its activation is the network&apos;s score for digit {0}, so it has no outgoing weights.</source>
        <translation>Un neurone de sortie&#xa0;: son activation est le score du réseau pour le chiffre {0}, il n’a donc pas de poids sortants.</translation>
    </message>
    <message>
        <source>Outgoing weights to the {0} output neurons (digits):</source>
        <translation>Poids sortants vers les {0} neurones de sortie (chiffres)&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing weights to the {0} neurons of hidden layer 2.</source>
        <translation>Poids sortants vers les {0} neurones de la couche cachée 2.</translation>
    </message>
    <message>
        <source>(the first {0} of {1})</source>
        <translation>(les {0} premiers sur {1})</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>chiffre</translation>
    </message>
    <message>
        <source>neuron of layer 2</source>
        <translation>neurone de la couche 2</translation>
    </message>
</context>
<context>
    <name>OwnDigitsPanel</name>
    <message>
        <source>Your own digits</source>
        <translation>Vos propres chiffres</translation>
    </message>
    <message>
        <source>&amp;Save to My Digits…</source>
        <translation>&amp;Enregistrer dans Mes chiffres…</translation>
    </message>
    <message>
        <source>Correct &amp;Me…</source>
        <translation>&amp;Corrigez-moi…</translation>
    </message>
    <message>
        <source>Keep this drawing in your own set of digits, with its label (you are asked for it; the network&apos;s
answer is proposed).
The set shows how well the network reads your handwriting, and can be added to training
in the Train view.</source>
        <translation>Garder ce dessin dans votre propre ensemble de chiffres, avec son étiquette (elle vous est demandée&#x202f;; la réponse
du réseau est proposée).
L’ensemble montre si le réseau lit bien votre écriture, et peut être ajouté à l’entraînement
dans la vue Entraîner.</translation>
    </message>
    <message>
        <source>The answer is wrong: give the right digit. The drawing is saved to your digits and the network
is trained a little on it (20 mini-batches, each of this drawing and 9 MNIST images, so that it does not
forget the rest); the corrected network is then the one in use.</source>
        <translation>La réponse est fausse&#xa0;: donnez le bon chiffre. Le dessin est enregistré dans vos chiffres et le réseau
est un peu entraîné dessus (20 mini-lots, composés chacun de ce dessin et de 9 images de MNIST, pour qu’il n’oublie
pas le reste)&#x202f;; le réseau corrigé devient alors le réseau utilisé.</translation>
    </message>
    <message>
        <source>U&amp;ndo Correction</source>
        <translation>A&amp;nnuler la correction</translation>
    </message>
    <message>
        <source>Start a Ne&amp;w Set</source>
        <translation>Commencer un nou&amp;vel ensemble</translation>
    </message>
    <message>
        <source>Rename the files that cannot be read (they are kept beside the new set) and start an empty set</source>
        <translation>Renommer les fichiers illisibles (ils sont gardés à côté du nouvel ensemble) et commencer un ensemble vide</translation>
    </message>
    <message>
        <source>Draw a digit first.</source>
        <translation>Dessinez d’abord un chiffre.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Non enregistré&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Saved as {0}: your set holds 1 digit.</source>
        <translation>Enregistré comme {0}&#xa0;: votre ensemble contient 1 chiffre.</translation>
    </message>
    <message>
        <source>Saved as {0}: your set holds {1} digits.</source>
        <translation>Enregistré comme {0}&#xa0;: votre ensemble contient {1} chiffres.</translation>
    </message>
    <message>
        <source>It already reads {0}: the digit is saved, the network unchanged.</source>
        <translation>Il lit déjà {0}&#xa0;: le chiffre est enregistré, le réseau inchangé.</translation>
    </message>
    <message>
        <source>Not corrected (the network is unchanged): {0}</source>
        <translation>Pas de correction (le réseau n’a pas changé)&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Correction undone: {0} is back, but its digit could not be removed from your digits: {1}</source>
        <translation>Correction annulée&#xa0;: {0} est de retour, mais son chiffre n’a pas pu être retiré de vos chiffres&#xa0;: {1}</translation>
    </message>
    <message>
        <source>Correction undone: {0} is back, and the {1} removed from your digits.</source>
        <translation>Correction annulée&#xa0;: {0} est de retour, et le {1} est retiré de vos chiffres.</translation>
    </message>
    <message>
        <source>Correction undone: {0} is back (its {1} stays in your digits: others were saved after it).</source>
        <translation>Correction annulée&#xa0;: {0} est de retour (son {1} reste dans vos chiffres&#xa0;: d’autres ont été enregistrés après lui).</translation>
    </message>
    <message>
        <source>The digit saved last was removed.</source>
        <translation>Le dernier chiffre enregistré a été retiré.</translation>
    </message>
    <message>
        <source>Save to my digits</source>
        <translation>Enregistrer dans mes chiffres</translation>
    </message>
    <message>
        <source>This drawing is not read as a digit, so no answer is proposed. If it is one, which digit is it?</source>
        <translation>Ce dessin n’est pas lu comme un chiffre&#xa0;: aucune réponse n’est donc proposée. Si c’en est un, quel chiffre est-ce&#x202f;?</translation>
    </message>
    <message>
        <source>Which digit is it?</source>
        <translation>Quel chiffre est-ce&#x202f;?</translation>
    </message>
    <message>
        <source>The network reads {0}. Which digit is it really?</source>
        <translation>Le réseau lit {0}. Quel chiffre est-ce vraiment&#x202f;?</translation>
    </message>
    <message>
        <source>Correct me</source>
        <translation>Corrigez-moi</translation>
    </message>
    <message>
        <source>Could not set the files aside: {0}</source>
        <translation>Impossible de mettre les fichiers de côté&#xa0;: {0}</translation>
    </message>
    <message>
        <source>A new, empty set is started; the old files are kept as {0}.</source>
        <translation>Un nouvel ensemble vide est commencé&#x202f;; les anciens fichiers sont gardés sous le nom {0}.</translation>
    </message>
    <message>
        <source>Learning that this is a {0}…</source>
        <translation>Apprentissage&#xa0;: c’est un {0}…</translation>
    </message>
    <message>
        <source>test accuracy {0} → {1}, {2} s</source>
        <translation>exactitude en test {0} → {1}, {2} s</translation>
    </message>
    <message>
        <source>Corrected: it now reads {0} (was {1}); {2}.</source>
        <translation>Corrigé&#xa0;: il lit maintenant {0} (c’était {1})&#x202f;; {2}.</translation>
    </message>
    <message>
        <source>It still reads {0} after the correction ({1}); Correct Me again insists, Undo puts the previous network back.</source>
        <translation>Il lit toujours {0} après la correction ({1})&#x202f;; «&#xa0;Corrigez-moi&#xa0;» de nouveau insiste, «&#xa0;Annuler&#xa0;» remet le réseau précédent.</translation>
    </message>
    <message>
        <source>The drawing is not read as a digit, so there is no answer to correct: draw a digit. (To keep this drawing anyway, Save to My Digits and pick its digit.)</source>
        <translation>Le dessin n’est pas lu comme un chiffre, il n’y a donc pas de réponse à corriger&#xa0;: dessinez un chiffre. (Pour garder ce dessin malgré tout, utilisez «&#xa0;Enregistrer dans Mes chiffres&#xa0;» et choisissez son chiffre.)</translation>
    </message>
    <message>
        <source>A run is training: stop it or wait for it to end, then correct the network.</source>
        <translation>Un entraînement est en cours&#xa0;: arrêtez-le ou attendez qu’il se termine, puis corrigez le réseau.</translation>
    </message>
    <message>
        <source>Kept in {0}</source>
        <translation>Gardés dans {0}</translation>
    </message>
    <message>
        <source>Your digits cannot be read: {0}</source>
        <translation>Vos chiffres ne peuvent pas être lus&#xa0;: {0}</translation>
    </message>
    <message>
        <source>No digits saved yet: save your drawings with their labels to see how well the network reads your handwriting.</source>
        <translation>Aucun chiffre enregistré pour l’instant&#xa0;: enregistrez vos dessins avec leur étiquette pour voir si le réseau lit bien votre écriture.</translation>
    </message>
    <message>
        <source>1 digit saved.</source>
        <translation>1 chiffre enregistré.</translation>
    </message>
    <message>
        <source>{0} digits saved.</source>
        <translation>{0} chiffres enregistrés.</translation>
    </message>
    <message>
        <source>1 digit saved; the network in use reads {0} right ({1}).</source>
        <translation>1 chiffre enregistré&#x202f;; le réseau utilisé en lit {0} correctement ({1}).</translation>
    </message>
    <message>
        <source>{0} digits saved; the network in use reads {1} right ({2}).</source>
        <translation>{0} chiffres enregistrés&#x202f;; le réseau utilisé en lit {1} correctement ({2}).</translation>
    </message>
    <message>
        <source>Your digits cannot be read (see above): Start a New Set, or restore the files.</source>
        <translation>Vos chiffres ne peuvent pas être lus (voir plus haut)&#xa0;: commencez un nouvel ensemble, ou restaurez les fichiers.</translation>
    </message>
    <message>
        <source>A run is training: correct the network once it has ended (a correction fine-tunes the network in use, which the run&apos;s end replaces).</source>
        <translation>Un entraînement est en cours&#xa0;: corrigez le réseau une fois qu’il sera terminé (une correction affine le réseau utilisé, que la fin de l’entraînement remplace).</translation>
    </message>
    <message>
        <source>A correction is being computed: a moment.</source>
        <translation>Une correction est en cours de calcul&#xa0;: un instant.</translation>
    </message>
    <message>
        <source>The data is still loading: a moment.</source>
        <translation>Les données sont encore en cours de chargement&#xa0;: un instant.</translation>
    </message>
    <message>
        <source>U&amp;ndo Save</source>
        <translation>A&amp;nnuler l’enregistrement</translation>
    </message>
    <message>
        <source>Remove the digit saved last from your set</source>
        <translation>Retirer de votre ensemble le dernier chiffre enregistré</translation>
    </message>
    <message>
        <source>Put back the network from before the last correction, exactly, and remove its digit from your set</source>
        <translation>Remettre exactement le réseau d’avant la dernière correction, et retirer son chiffre de votre ensemble</translation>
    </message>
</context>
<context>
    <name>Run</name>
    <message>
        <source>configuration not recorded</source>
        <extracomment>The splits of a data set, in the order the views list them. Corrections kept for undo (each keeps the network before it: 2.5 MB for the bundled one). The app&apos;s folder in the user data folder.</extracomment>
        <translation>configuration non enregistrée</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 époque</translation>
    </message>
    <message>
        <source>{0} epochs</source>
        <translation>{0} époques</translation>
    </message>
    <message>
        <source>quadratic</source>
        <translation>quadratique</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>entropie croisée</translation>
    </message>
    <message>
        <source>N(0, 1) init</source>
        <translation>initialisation N(0, 1)</translation>
    </message>
    <message>
        <source>N(0, 1/n_in) init</source>
        <translation>initialisation N(0, 1/n_in)</translation>
    </message>
    <message>
        <source>{0}, {1}, mini-batch {2}, eta {3}, {4}, {5}</source>
        <translation>{0}, {1}, mini-lot de {2}, eta {3}, {4}, {5}</translation>
    </message>
    <message>
        <source> (eta {0} from epoch {1})</source>
        <translation> (eta {0} à partir de l’époque {1})</translation>
    </message>
    <message>
        <source>, L2 {0}</source>
        <translation>, L2 {0}</translation>
    </message>
    <message>
        <source>, {0} training images</source>
        <translation>, {0} images d’entraînement</translation>
    </message>
    <message>
        <source>, with your own digits</source>
        <translation>, avec vos propres chiffres</translation>
    </message>
    <message>
        <source>, binarized at {0}</source>
        <translation>, binarisé à {0}</translation>
    </message>
    <message>
        <source>, halve eta after {0} stale epochs</source>
        <translation>, eta divisé par deux après {0} époques sans progrès</translation>
    </message>
    <message>
        <source>shift {0} px</source>
        <translation>décalage {0} px</translation>
    </message>
    <message>
        <source>rotation {0}°</source>
        <translation>rotation {0}°</translation>
    </message>
    <message>
        <source>scale ±{0}</source>
        <translation>échelle ±{0}</translation>
    </message>
    <message>
        <source>shear {0}</source>
        <translation>cisaillement {0}</translation>
    </message>
    <message>
        <source>elastic alpha {0} sigma {1}</source>
        <translation>élastique alpha {0} sigma {1}</translation>
    </message>
    <message>
        <source>, distorted ({0})</source>
        <translation>, déformé ({0})</translation>
    </message>
    <message>
        <source>, best epoch kept</source>
        <translation>, meilleure époque gardée</translation>
    </message>
    <message>
        <source>, seed {0}</source>
        <translation>, graine {0}</translation>
    </message>
    <message>
        <source>Opened from a file</source>
        <translation>Ouvert depuis un fichier</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Network and settings</source>
        <translation>Réseau et réglages</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Best validation</source>
        <translation>Meilleure validation</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>Exemples/s</translation>
    </message>
    <message>
        <source>Ending</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Show or hide the run&apos;s curves on the plots; the colour is its curves&apos;</source>
        <translation>Afficher ou masquer les courbes de l’entraînement sur les graphiques&#x202f;; la couleur est celle de ses courbes</translation>
    </message>
    <message>
        <source>The run&apos;s name; double-click to rename it</source>
        <translation>Le nom de l’entraînement&#x202f;; double-cliquez pour le renommer</translation>
    </message>
    <message>
        <source>The network (784 inputs, the hidden layers, 10 outputs) and how it was trained</source>
        <translation>Le réseau (784 entrées, les couches cachées, 10 sorties) et la façon dont il a été entraîné</translation>
    </message>
    <message>
        <source>Epochs done: passes over all the training images</source>
        <translation>Époques terminées&#xa0;: passages sur toutes les images d’entraînement</translation>
    </message>
    <message>
        <source>The best accuracy on the validation images, held out of training to choose settings and epochs, and the epoch it came at</source>
        <translation>La meilleure exactitude sur les images de validation, tenues à l’écart de l’entraînement pour choisir les réglages et les époques, et l’époque où elle a été atteinte</translation>
    </message>
    <message>
        <source>Accuracy on the test images, never used for training nor for choosing: how well the network reads digits it has never seen</source>
        <translation>Exactitude sur les images de test, jamais utilisées ni pour l’entraînement ni pour les choix&#xa0;: elle montre si le réseau lit bien des chiffres qu’il n’a jamais vus</translation>
    </message>
    <message>
        <source>How long the run trained</source>
        <translation>Durée de l’entraînement</translation>
    </message>
    <message>
        <source>Training speed: images per second</source>
        <translation>Vitesse d’entraînement&#xa0;: images par seconde</translation>
    </message>
    <message>
        <source>How the run ended, or &quot;training…&quot; while it runs</source>
        <translation>Comment l’entraînement s’est terminé, ou «&#xa0;en entraînement…&#xa0;» tant qu’il tourne</translation>
    </message>
    <message>
        <source>{0} (epoch {1})</source>
        <translation>{0} (époque {1})</translation>
    </message>
    <message>
        <source>training…</source>
        <translation>en entraînement…</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>Enregistré dans {0}</translation>
    </message>
</context>
<context>
    <name>RunsTable</name>
    <message>
        <source>The runs of this session. The check box shows or hides a run&apos;s curves; double-click a name to rename it; right-click for more.</source>
        <translation>Les entraînements de cette session. La case à cocher affiche ou masque les courbes d’un entraînement&#x202f;; double-cliquez sur un nom pour le renommer&#x202f;; clic droit pour plus d’options.</translation>
    </message>
    <message>
        <source>&amp;Use Network</source>
        <translation>&amp;Utiliser le réseau</translation>
    </message>
    <message>
        <source>Make this run&apos;s network the current one: Draw and Browse switch to it</source>
        <translation>Faire du réseau de cet entraînement le réseau actuel&#xa0;: Dessiner et Parcourir passent à lui</translation>
    </message>
    <message>
        <source>Settings to &amp;Form</source>
        <translation>Réglages vers le &amp;formulaire</translation>
    </message>
    <message>
        <source>Fill the form with this run&apos;s configuration and seed, to repeat or vary it</source>
        <translation>Remplir le formulaire avec la configuration et la graine de cet entraînement, pour le refaire ou le varier</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Save this run&apos;s curves (cost, accuracies, learning rate) as CSV</source>
        <translation>Enregistrer les courbes de cet entraînement (coût, exactitudes, taux d’apprentissage) au format CSV</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Su&amp;pprimer</translation>
    </message>
    <message>
        <source>Forget this run and its curves (a network in use stays in use)</source>
        <translation>Oublier cet entraînement et ses courbes (un réseau utilisé le reste)</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
</context>
<context>
    <name>SaturationPlot</name>
    <message>
        <source>How many of each hidden layer&apos;s outputs are saturated, in percent, at the end of each epoch (on 1,000 validation images). A saturated sigmoid neuron outputs nearly 0 or 1 whatever the input; its slope σ′(z) is then nearly 0, so its weights barely learn (ch. 3). N(0, 1/n_in) initial weights keep this low.</source>
        <translation>Proportion des sorties de chaque couche cachée qui sont saturées, en pourcentage, à la fin de chaque époque (sur 1 000 images de validation). Un neurone sigmoïde saturé renvoie presque 0 ou 1 quelle que soit l’entrée&#x202f;; sa pente σ′(z) est alors presque nulle, donc ses poids n’apprennent presque plus (chap. 3). Des poids initiaux N(0, 1/n_in) limitent ce phénomène.</translation>
    </message>
    <message>
        <source>% of hidden outputs saturated (σ(z) &lt; 0.01 or &gt; 0.99: learning slows, ch. 3)</source>
        <translation>% des sorties cachées saturées (σ(z) &lt; 0,01 ou &gt; 0,99&#xa0;: l’apprentissage ralentit, chap. 3)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>layer {0} ({1} neurons)</source>
        <translation>couche {0} ({1} neurones)</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>couche {0}</translation>
    </message>
    <message>
        <source>Hidden layer {0} ({1} neurons)</source>
        <translation>Couche cachée {0} ({1} neurones)</translation>
    </message>
    <message>
        <source>This network has no hidden layer: nothing to saturate.</source>
        <translation>Ce réseau n’a pas de couche cachée&#xa0;: rien ne peut saturer.</translation>
    </message>
    <message>
        <source>No saturation figures yet: they are measured on validation images at the end of each training epoch.</source>
        <translation>Pas encore de mesure de saturation&#xa0;: elle est mesurée sur des images de validation à la fin de chaque époque d’entraînement.</translation>
    </message>
    <message>
        <source>No hidden layer: nothing to saturate.</source>
        <translation>Pas de couche cachée&#xa0;: rien ne peut saturer.</translation>
    </message>
    <message>
        <source>layer {0}: {1}% saturated</source>
        <translation>couche {0}&#xa0;: {1}&#x202f;% saturés</translation>
    </message>
    <message>
        <source>After epoch {0}: {1}</source>
        <translation>Après l’époque {0}&#xa0;: {1}</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>non mesuré</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>{0}: this network has {1} inputs and {2} outputs; the app needs 784 inputs (28 x 28 pixels) and 10 outputs (digits).</source>
        <translation>{0}&#xa0;: ce réseau a {1} entrées et {2} sorties&#x202f;; l’application a besoin de 784 entrées (28 × 28 pixels) et de 10 sorties (les chiffres).</translation>
    </message>
    <message>
        <source>default model</source>
        <translation>modèle par défaut</translation>
    </message>
    <message>
        <source>run {0}: {1}</source>
        <translation>entraînement {0}&#xa0;: {1}</translation>
    </message>
    <message>
        <source>This run is not part of the session.</source>
        <translation>Cet entraînement ne fait pas partie de la session.</translation>
    </message>
    <message>
        <source>This run is still training; stop it first.</source>
        <translation>Cet entraînement est toujours en cours&#x202f;; arrêtez-le d’abord.</translation>
    </message>
    <message>
        <source>{0} has no network to use: it is still training, ended before its first epoch, or failed.</source>
        <translation>{0} n’a pas de réseau à utiliser&#xa0;: il est encore en cours, s’est terminé avant sa première époque, ou a échoué.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>bundled MNIST</source>
        <translation>MNIST fourni</translation>
    </message>
    <message>
        <source>A run is training: stop it or wait for it to end before correcting the network.</source>
        <translation>Un entraînement est en cours&#xa0;: arrêtez-le ou attendez qu’il se termine avant de corriger le réseau.</translation>
    </message>
    <message>
        <source>A correction is being computed; wait a moment.</source>
        <translation>Une correction est en cours de calcul&#x202f;; patientez un instant.</translation>
    </message>
    <message>
        <source>The data is still loading; try again in a moment.</source>
        <translation>Les données sont encore en cours de chargement&#x202f;; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>There is no correction to undo: the network in use is not a corrected one.</source>
        <translation>Il n’y a pas de correction à annuler&#xa0;: le réseau utilisé n’est pas un réseau corrigé.</translation>
    </message>
    <message>
        <source>The network or the data changed while the correction was computed, so it was not applied. Your digit is saved.</source>
        <translation>Le réseau ou les données ont changé pendant le calcul de la correction&#xa0;: elle n’a donc pas été appliquée. Votre chiffre est enregistré.</translation>
    </message>
    <message>
        <source>{0}, corrected</source>
        <translation>{0}, corrigé</translation>
    </message>
    <message>
        <source>{0}, {1} corrections</source>
        <translation>{0}, {1} corrections</translation>
    </message>
    <message>
        <source>The correction failed: {0}. Your digit is saved; the network is unchanged.</source>
        <translation>La correction a échoué&#xa0;: {0}. Votre chiffre est enregistré&#x202f;; le réseau n’a pas changé.</translation>
    </message>
</context>
<context>
    <name>SessionLabels</name>
    <message>
        <source>Loading {0}…</source>
        <translation>Chargement de {0}…</translation>
    </message>
    <message>
        <source>bundled MNIST</source>
        <translation>MNIST fourni</translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation>Données&#xa0;: {0}</translation>
    </message>
    <message>
        <source>{0} training, {1} validation, {2} test images
SHA-256 {3}</source>
        <translation>{0} images d’entraînement, {1} de validation, {2} de test
SHA-256 {3}</translation>
    </message>
    <message>
        <source>Network: none</source>
        <translation>Réseau&#xa0;: aucun</translation>
    </message>
    <message>
        <source>Network: {0} ({1})</source>
        <translation>Réseau&#xa0;: {0} ({1})</translation>
    </message>
    <message>
        <source>, test accuracy {0}</source>
        <translation>, exactitude en test {0}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>{0} view</source>
        <translation>vue {0}</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Menu or view</source>
        <translation>Menu ou vue</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>StepsView</name>
    <message>
        <source>1. Your ink cropped to its bounding box (pixels above 10% intensity), at the canvas&apos;s resolution.</source>
        <extracomment>Colour of the frames (the 20 x 20 box, the 28 x 28 field) and of the centre mark.</extracomment>
        <translation>1. Votre encre recadrée sur sa boîte englobante (pixels d’intensité supérieure à 10&#x202f;%), à la résolution du canevas.</translation>
    </message>
    <message>
        <source>2. Scaled so that its longer side is 20 pixels, aspect ratio kept, by averaging areas
(this gives the grey edges, as in MNIST). The dotted square is the 20 x 20 box.</source>
        <translation>2. Mis à l’échelle pour que son plus grand côté fasse 20 pixels, proportions gardées, en moyennant les surfaces
(d’où les bords gris, comme dans MNIST). Le carré pointillé est la boîte de 20 × 20.</translation>
    </message>
    <message>
        <source>3. Placed in the 28 x 28 field so that its centre of mass falls on the red cross, as MNIST&apos;s
digits were: this is exactly what the network sees, 784 numbers.</source>
        <translation>3. Placé dans le champ de 28 × 28 de sorte que son centre de masse tombe sur la croix rouge, comme l’étaient les chiffres
de MNIST&#xa0;: c’est exactement ce que voit le réseau, 784 nombres.</translation>
    </message>
    <message>
        <source>Cropped drawing</source>
        <translation>Dessin recadré</translation>
    </message>
    <message>
        <source>Scaled into 20 x 20</source>
        <translation>Mis à l’échelle dans 20 × 20</translation>
    </message>
    <message>
        <source>Network input, 28 x 28</source>
        <translation>Entrée du réseau, 28 × 28</translation>
    </message>
    <message>
        <source>Dark ink on a light background: inverted first.</source>
        <translation>Encre foncée sur fond clair&#xa0;: d’abord inversée.</translation>
    </message>
    <message>
        <source>MNIST&apos;s digits are white on black; the border of this image was light, so its intensities were turned round.</source>
        <translation>Les chiffres de MNIST sont blancs sur noir&#x202f;; le bord de cette image était clair, ses intensités ont donc été inversées.</translation>
    </message>
    <message>
        <source>Cropped to the ink</source>
        <translation>Recadré sur l’encre</translation>
    </message>
    <message>
        <source>Centred in 28 x 28</source>
        <translation>Centré dans 28 × 28</translation>
    </message>
    <message>
        <source>what the network sees</source>
        <translation>ce que voit le réseau</translation>
    </message>
    <message>
        <source>Output activations:</source>
        <translation>Sorties (activations)&#xa0;:</translation>
    </message>
    <message>
        <source>{0} x {1} canvas pixels</source>
        <translation>{0} × {1} pixels du canevas</translation>
    </message>
    <message>
        <source>{0} x {1} pixels</source>
        <translation>{0} × {1} pixels</translation>
    </message>
</context>
<context>
    <name>TrainView</name>
    <message>
        <source>Measured on this machine: a few mini-batches of this network are timed, and the memory the run needs is counted</source>
        <extracomment>Least time between two redraws of the curves and the progress bars during a run (ms). During a run, the mosaic and the saturation plot are each redrawn at most every this many redraws (2 s), half a redraw apart from the plots and a second apart from each other, so that no two of these paints fall in one event (measured during a run: 10-25 ms for the plots, 13-17 ms for the mosaic, 10-25 ms for the saturation). Time budget of the estimate measured when Train is pressed before the background one is done (s). Longest the run is held for a paint of the Train view (ms; see ``_hold_for_paint``). Wait this long after the last edit of the form before measuring a new estimate (ms). Asked (with what replaces it) before this view replaces an unsaved network that no run keeps (a corrected one): the window sets it to its save question; True to go on.</extracomment>
        <translation>Mesuré sur cette machine&#xa0;: quelques mini-lots de ce réseau sont chronométrés, et la mémoire nécessaire à l’entraînement est calculée</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entraîner</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause after the current mini-batch, or resume (Ctrl+P)</source>
        <translation>Mettre en pause après le mini-lot en cours, ou reprendre (Ctrl+P)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas à pas</translation>
    </message>
    <message>
        <source>While paused: train to the end of this epoch, then pause again (F10)</source>
        <translation>En pause&#xa0;: entraîner jusqu’à la fin de cette époque, puis se remettre en pause (F10)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop after the current mini-batch and keep the network trained so far (Ctrl+.)</source>
        <translation>Arrêter après le mini-lot en cours et garder le réseau entraîné jusque-là (Ctrl+.)</translation>
    </message>
    <message>
        <source>Train a new network, from random weights, with these settings (Ctrl+T)</source>
        <translation>Entraîner un nouveau réseau, à partir de poids aléatoires, avec ces réglages (Ctrl+T)</translation>
    </message>
    <message>
        <source>Progress through this epoch&apos;s mini-batches</source>
        <translation>Progression dans les mini-lots de cette époque</translation>
    </message>
    <message>
        <source>Progress through the whole run, all its epochs</source>
        <translation>Progression dans tout l’entraînement, toutes époques comprises</translation>
    </message>
    <message>
        <source>The same seed and settings give the same run again</source>
        <translation>La même graine et les mêmes réglages redonnent le même entraînement</translation>
    </message>
    <message>
        <source>Epoch:</source>
        <translation>Époque&#xa0;:</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Entraînement&#xa0;:</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Vitesse&#xa0;:</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Temps restant&#xa0;:</translation>
    </message>
    <message>
        <source>Accuracy:</source>
        <translation>Exactitude&#xa0;:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Graine&#xa0;:</translation>
    </message>
    <message>
        <source>Press Train to train a new network on the training images.</source>
        <translation>Appuyez sur Entraîner pour entraîner un nouveau réseau sur les images d’entraînement.</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>Pas commencé.</translation>
    </message>
    <message>
        <source>training a new network (it is used when the run ends)</source>
        <translation>entraînement d’un nouveau réseau (il sera utilisé à la fin de l’entraînement)</translation>
    </message>
    <message>
        <source>Cannot train: {0}</source>
        <translation>Impossible d’entraîner&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Start a long run?</source>
        <translation>Lancer un long entraînement&#x202f;?</translation>
    </message>
    <message>
        <source>This run needs {0}.

Start it anyway? You can stop it at any time and keep the epochs done.</source>
        <translation>Cet entraînement demande {0}.

Le lancer quand même&#x202f;? Vous pouvez l’arrêter à tout moment et garder les époques terminées.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>Select a run in the runs table first.</source>
        <translation>Sélectionnez d’abord un entraînement dans le tableau des entraînements.</translation>
    </message>
    <message>
        <source>No run to export yet: train one first.</source>
        <translation>Aucun entraînement à exporter pour l’instant&#xa0;: entraînez-en un d’abord.</translation>
    </message>
    <message>
        <source>Export curves as CSV</source>
        <translation>Exporter les courbes en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Impossible d’exporter</translation>
    </message>
    <message>
        <source>{0}

Nothing was overwritten.</source>
        <translation>{0}

Rien n’a été écrasé.</translation>
    </message>
    <message>
        <source>Saved the curves of {0} to {1}</source>
        <translation>Courbes de {0} enregistrées dans {1}</translation>
    </message>
    <message>
        <source>Export plots as PNG</source>
        <translation>Exporter les graphiques en PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved the plots to {0}</source>
        <translation>Graphiques enregistrés dans {0}</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 époque</translation>
    </message>
    <message>
        <source>{0} epochs</source>
        <translation>{0} époques</translation>
    </message>
    <message>
        <source>about {0} per epoch ({1}: about {2})</source>
        <translation>environ {0} par époque ({1}&#xa0;: environ {2})</translation>
    </message>
    <message>
        <source>about {0} of memory</source>
        <translation>environ {0} de mémoire</translation>
    </message>
    <message>
        <source>{0} for 1 epoch</source>
        <translation>{0} pour 1 époque</translation>
    </message>
    <message>
        <source>{0} for {1} epochs</source>
        <translation>{0} pour {1} époques</translation>
    </message>
    <message>
        <source>Estimate on this machine: about {0} per epoch ({1}), {2} of memory.</source>
        <translation>Estimation sur cette machine&#xa0;: environ {0} par époque ({1}), {2} de mémoire.</translation>
    </message>
    <message>
        <source>Large run: {0}; Train will ask first.</source>
        <translation>Long entraînement&#xa0;: {0}&#x202f;; Entraîner demandera confirmation.</translation>
    </message>
    <message>
        <source>Learning rate not changed: {0}</source>
        <translation>Taux d’apprentissage inchangé&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Learning rate {0} from the next mini-batch on.</source>
        <translation>Taux d’apprentissage {0} à partir du prochain mini-lot.</translation>
    </message>
    <message>
        <source>using the network of {0}</source>
        <translation>avec le réseau de {0}</translation>
    </message>
    <message>
        <source>Draw and Browse now use the network of {0}.</source>
        <translation>Dessiner et Parcourir utilisent maintenant le réseau de {0}.</translation>
    </message>
    <message>
        <source>The form is in use by the run in progress; stop it first.</source>
        <translation>Le formulaire est utilisé par l’entraînement en cours&#x202f;; arrêtez-le d’abord.</translation>
    </message>
    <message>
        <source>The form has the settings and seed of {0}.</source>
        <translation>Le formulaire contient les réglages et la graine de {0}.</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>démarrage…</translation>
    </message>
    <message>
        <source>Training {0}, seed {1}…</source>
        <translation>Entraînement de {0}, graine {1}…</translation>
    </message>
    <message>
        <source>Training started; the window stays usable.</source>
        <translation>Entraînement lancé&#x202f;; la fenêtre reste utilisable.</translation>
    </message>
    <message>
        <source>{0}/{1} mini-batches</source>
        <translation>{0}/{1} mini-lots</translation>
    </message>
    <message>
        <source>epoch {0}/{1}  %p%</source>
        <translation>époque {0}/{1}  %p&#x202f;%</translation>
    </message>
    <message>
        <source>{0} samples/s, eta {1}</source>
        <translation>{0} exemples/s, eta {1}</translation>
    </message>
    <message>
        <source>about {0}</source>
        <translation>environ {0}</translation>
    </message>
    <message>
        <source>Paused in epoch {0}, after mini-batch {1}. Resume, Step one epoch, change the learning rate (Enter in its field), or Stop.</source>
        <translation>En pause dans l’époque {0}, après le mini-lot {1}. Reprendre, avancer d’une époque, changer le taux d’apprentissage (Entrée dans son champ), ou arrêter.</translation>
    </message>
    <message>
        <source>Epoch {0}/{1} ({2} s): validation {3}, test {4}, cost {5}</source>
        <translation>Époque {0}/{1} ({2} s)&#xa0;: validation {3}, test {4}, coût {5}</translation>
    </message>
    <message>
        <source>; eta halved to {0}</source>
        <translation>&#x202f;; eta divisé par deux&#xa0;: {0}</translation>
    </message>
    <message>
        <source>validation {0}, test {1}</source>
        <translation>validation {0}, test {1}</translation>
    </message>
    <message>
        <source>; best validation {0} (epoch {1})</source>
        <translation>&#x202f;; meilleure validation {0} (époque {1})</translation>
    </message>
    <message>
        <source>Resumed: training {0}, seed {1}…</source>
        <translation>Reprise&#xa0;: entraînement de {0}, graine {1}…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>stopping after this mini-batch…</source>
        <translation>arrêt après ce mini-lot…</translation>
    </message>
    <message>
        <source>Stopping after the current mini-batch…</source>
        <translation>Arrêt après le mini-lot en cours…</translation>
    </message>
    <message>
        <source>evaluating the network on the test images…</source>
        <translation>évaluation du réseau sur les images de test…</translation>
    </message>
    <message>
        <source>The run is over; evaluating its network on the test images…</source>
        <translation>L’entraînement est terminé&#x202f;; évaluation de son réseau sur les images de test…</translation>
    </message>
    <message>
        <source>paused  %p%</source>
        <translation>en pause  %p&#x202f;%</translation>
    </message>
    <message>
        <source>one more epoch, then paused  %p%</source>
        <translation>encore une époque, puis pause  %p&#x202f;%</translation>
    </message>
    <message>
        <source>Stepping: training to the end of this epoch, then pausing again…</source>
        <translation>Pas à pas&#xa0;: entraînement jusqu’à la fin de cette époque, puis nouvelle pause…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>{0}. Test accuracy {1}. The Draw and Browse views now use this network; File &gt; Save Model As… keeps it.</source>
        <translation>{0}. Exactitude en test {1}. Les vues Dessiner et Parcourir utilisent maintenant ce réseau&#x202f;; pour le garder&#xa0;: Fichier &gt; Enregistrer le modèle sous…</translation>
    </message>
    <message>
        <source>{0}; test accuracy {1}</source>
        <translation>{0}&#x202f;; exactitude en test {1}</translation>
    </message>
    <message>
        <source>{0}, before the first epoch ended; the network in use ({1}) is unchanged.</source>
        <translation>{0}, avant la fin de la première époque&#x202f;; le réseau utilisé ({1}) n’a pas changé.</translation>
    </message>
    <message>
        <source>{0}, after epoch {1}</source>
        <translation>{0}, après l’époque {1}</translation>
    </message>
    <message>
        <source>Preset {0}: {1}</source>
        <translation>Préréglage {0}&#xa0;: {1}</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>A run is already in progress.</source>
        <extracomment>Seconds a thread may hold the GIL while another one waits for it (see ``TrainingController``). Events whose report covers only part of a cost window (not drawn as a cost point).</extracomment>
        <translation>Un entraînement est déjà en cours.</translation>
    </message>
    <message>
        <source>The data is still loading; try again in a moment.</source>
        <translation>Les données sont encore en cours de chargement&#x202f;; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>No run is in progress.</source>
        <translation>Aucun entraînement n’est en cours.</translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation>Échec de l’entraînement&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Discarded: the window was closed during the run</source>
        <translation>Abandonné&#xa0;: la fenêtre a été fermée pendant l’entraînement</translation>
    </message>
    <message>
        <source>Stopped before any training</source>
        <translation>Arrêté avant tout entraînement</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <source>hidden layers must be whole numbers, like &apos;30&apos; or &apos;100 30&apos; (784 inputs and 10 outputs are added)</source>
        <extracomment>Training images the form allows until :meth:`TrainingForm.set_available_training` says otherwise: MNIST&apos;s training split (the 60,000 training images less 10,000 for validation). The key under which :meth:`TrainingForm.errors` reports problems shown under the form rather than at one field. Field name -&gt; settings key (under ``train/``; the older keys kept their names). Values the old spin boxes stored for &quot;none&quot; (no seed, no schedule): read as the default without a note.</extracomment>
        <translation>les couches cachées doivent être des nombres entiers, comme «&#xa0;30&#xa0;» ou «&#xa0;100 30&#xa0;» (les 784 entrées et les 10 sorties sont ajoutées)</translation>
    </message>
    <message>
        <source>Network and hyperparameters</source>
        <translation>Réseau et hyperparamètres</translation>
    </message>
    <message>
        <source>Fill in a preset…</source>
        <translation>Remplir avec un préréglage…</translation>
    </message>
    <message>
        <source>Fill every field with a named configuration (the seed is kept); hover over a name for where it comes from</source>
        <translation>Remplir tous les champs avec une configuration nommée (la graine est gardée)&#x202f;; survolez un nom pour voir d’où il vient</translation>
    </message>
    <message>
        <source>quadratic (ch. 1)</source>
        <translation>quadratique (chap. 1)</translation>
    </message>
    <message>
        <source>cross-entropy (ch. 3)</source>
        <translation>entropie croisée (chap. 3)</translation>
    </message>
    <message>
        <source>N(0, 1) (ch. 1)</source>
        <translation>N(0, 1) (chap. 1)</translation>
    </message>
    <message>
        <source>N(0, 1/n_in) (ch. 3)</source>
        <translation>N(0, 1/n_in) (chap. 3)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>non</translation>
    </message>
    <message>
        <source>all</source>
        <translation>toutes</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>random</source>
        <translation>aléatoire</translation>
    </message>
    <message>
        <source>end with the best validation epoch</source>
        <translation>finir avec l’époque la meilleure en validation</translation>
    </message>
    <message>
        <source>Neurons in each hidden layer, e.g. &apos;15&apos; (784-15-10) or &apos;100 30&apos; (784-100-30-10); empty for none. The 784 inputs (28 x 28 pixels) and the 10 outputs (one per digit) are added.
Each neuron computes its weighted input z = w · x + b from the layer before and outputs the sigmoid σ(z), a number between 0 and 1. Each layer: 1 to 100,000 neurons (Nielsen ch. 1).</source>
        <translation>Neurones de chaque couche cachée, par exemple «&#xa0;15&#xa0;» (784-15-10) ou «&#xa0;100 30&#xa0;» (784-100-30-10)&#x202f;; vide pour aucune. Les 784 entrées (28 × 28 pixels) et les 10 sorties (une par chiffre) sont ajoutées.
Chaque neurone calcule son entrée pondérée z = w · x + b à partir de la couche précédente et renvoie la sigmoïde σ(z), un nombre entre 0 et 1. Chaque couche&#xa0;: de 1 à 100 000 neurones (Nielsen, chap. 1).</translation>
    </message>
    <message>
        <source>How many epochs to train. One epoch is one pass over all the training images, in shuffled mini-batches; more epochs learn more, until the network starts to overfit. 1 to 100,000 (ch. 1: 30).</source>
        <translation>Nombre d’époques d’entraînement. Une époque est un passage sur toutes les images d’entraînement, en mini-lots mélangés&#x202f;; plus d’époques apprennent davantage, jusqu’à ce que le réseau commence à surapprendre. De 1 à 100 000 (chap. 1&#xa0;: 30).</translation>
    </message>
    <message>
        <source>Mini-batch size m: how many training images are averaged for each step of stochastic gradient descent (ch. 1). Small mini-batches take many quick, noisy steps; large ones fewer, steadier steps. 1 to 60,000 (ch. 1: 10); mini-batch x widest layer may not exceed 20,000,000 values.</source>
        <translation>Taille du mini-lot m&#xa0;: combien d’images d’entraînement sont moyennées à chaque pas de la descente de gradient stochastique (chap. 1). De petits mini-lots font beaucoup de pas rapides et bruités&#x202f;; de grands, moins de pas, plus réguliers. De 1 à 60 000 (chap. 1&#xa0;: 10)&#x202f;; mini-lot x couche la plus large ne doit pas dépasser 20 000 000 valeurs.</translation>
    </message>
    <message>
        <source>Learning rate eta: how far each gradient step moves the weights. Too small and the network learns slowly; too large and the cost jumps around or rises. Above 0 and at most 1000 (ch. 1: 3.0 with the quadratic cost; ch. 3: 0.5 with cross-entropy); accepts 0.5, 0,5 or 5e-1.
During a run this field stays editable: type a new value and press Enter to use it from the next mini-batch on.</source>
        <translation>Taux d’apprentissage eta&#xa0;: de combien chaque pas de gradient déplace les poids. Trop petit, le réseau apprend lentement&#x202f;; trop grand, le coût fait des bonds ou augmente. Supérieur à 0 et au plus 1 000 (chap. 1&#xa0;: 3,0 avec le coût quadratique&#x202f;; chap. 3&#xa0;: 0,5 avec l’entropie croisée)&#x202f;; accepte 0.5, 0,5 ou 5e-1.
Pendant un entraînement, ce champ reste modifiable&#xa0;: tapez une nouvelle valeur et appuyez sur Entrée pour l’utiliser à partir du prochain mini-lot.</translation>
    </message>
    <message>
        <source>The cost measures how far the network&apos;s outputs are from the right answers; training lowers it. Quadratic (ch. 1, eq. 6): half the mean squared error. Cross-entropy (ch. 3, eq. 63): learns fast even when an output neuron is badly wrong and saturated (its sigmoid stuck near 0 or 1), where the quadratic cost learns slowly.</source>
        <translation>Le coût mesure l’écart entre les sorties du réseau et les bonnes réponses&#x202f;; l’entraînement le fait baisser. Quadratique (chap. 1, éq. 6)&#xa0;: la moitié de l’erreur quadratique moyenne. Entropie croisée (chap. 3, éq. 63)&#xa0;: apprend vite même quand un neurone de sortie se trompe lourdement et est saturé (sa sigmoïde bloquée près de 0 ou 1), là où le coût quadratique apprend lentement.</translation>
    </message>
    <message>
        <source>How the weights are drawn at the start. N(0, 1) (ch. 1): normal, standard deviation 1; the weighted inputs z come out large, so many hidden neurons start saturated (output near 0 or 1) and learn slowly. N(0, 1/n_in) (ch. 3): standard deviation 1/√n_in for a neuron with n_in inputs, which keeps z small.</source>
        <translation>Comment les poids sont tirés au départ. N(0, 1) (chap. 1)&#xa0;: loi normale, écart type 1&#x202f;; les entrées pondérées z sont grandes, donc beaucoup de neurones cachés démarrent saturés (sortie proche de 0 ou 1) et apprennent lentement. N(0, 1/n_in) (chap. 3)&#xa0;: écart type 1/√n_in pour un neurone à n_in entrées, ce qui garde z petit.</translation>
    </message>
    <message>
        <source>L2 regularization lambda (ch. 3, eq. 87): adds lambda / 2n times the sum of the squared weights to the cost, so the network prefers small weights. This reduces overfitting: learning the training images by heart and doing worse on new ones. 0 to 1,000,000; 0 for none (ch. 3: 5.0). Scaled by the training-set size n: eta x lambda / n must stay below 1.</source>
        <translation>Régularisation L2 lambda (chap. 3, éq. 87)&#xa0;: ajoute au coût lambda / 2n fois la somme des carrés des poids, pour que le réseau préfère des petits poids. Cela réduit le surapprentissage&#xa0;: apprendre par cœur les images d’entraînement et faire moins bien sur de nouvelles. De 0 à 1 000 000&#x202f;; 0 pour aucune (chap. 3&#xa0;: 5,0). Mis à l’échelle par la taille n de l’ensemble d’entraînement&#xa0;: eta x lambda / n doit rester inférieur à 1.</translation>
    </message>
    <message>
        <source>Precision of the weights and the arithmetic: float32 is about twice as fast, float64 has about 16 significant digits instead of 7.</source>
        <translation>Précision des poids et des calculs&#xa0;: float32 est environ deux fois plus rapide, float64 a environ 16 chiffres significatifs au lieu de 7.</translation>
    </message>
    <message>
        <source>Make every pixel 0 or 1: ink where its intensity is above this threshold, at least 0 and below 1 (the notebook&apos;s filter; 0.5 is usual). Empty: off, the grey levels are kept.</source>
        <translation>Mettre chaque pixel à 0 ou 1&#xa0;: de l’encre là où son intensité dépasse ce seuil, au moins 0 et inférieur à 1 (le filtre du notebook&#x202f;; 0,5 est courant). Vide&#xa0;: désactivé, les niveaux de gris sont gardés.</translation>
    </message>
    <message>
        <source>Learning-rate schedule (ch. 3, choosing hyper-parameters): halve eta after this many epochs without a new best validation accuracy, to take finer steps near the end; a whole number, at least 1. Empty: never, eta stays fixed.</source>
        <translation>Calendrier du taux d’apprentissage (chap. 3, choix des hyperparamètres)&#xa0;: diviser eta par deux après ce nombre d’époques sans nouvelle meilleure exactitude en validation, pour faire des pas plus fins vers la fin&#x202f;; un nombre entier, au moins 1. Vide&#xa0;: jamais, eta reste fixe.</translation>
    </message>
    <message>
        <source>With the schedule: the run ends at halving number N, when eta would drop to eta / 2^N (the book: 7, i.e. eta/128); 0 is plain early stopping. 0 to 60; unused without the schedule.</source>
        <translation>Avec le calendrier&#xa0;: l’entraînement s’arrête à la division numéro N, quand eta tomberait à eta / 2^N (le livre&#xa0;: 7, soit eta/128)&#x202f;; 0 donne un simple arrêt anticipé. De 0 à 60&#x202f;; inutilisé sans le calendrier.</translation>
    </message>
    <message>
        <source>Seed of the random numbers that draw the initial weights, shuffle the mini-batches and distort the images: the same seed and settings give exactly the same run again. A whole number, 0 or more; empty: random (the seed drawn is recorded with the run).</source>
        <translation>Graine des nombres aléatoires qui tirent les poids initiaux, mélangent les mini-lots et déforment les images&#xa0;: la même graine et les mêmes réglages redonnent exactement le même entraînement. Un nombre entier, 0 ou plus&#x202f;; vide&#xa0;: aléatoire (la graine tirée est enregistrée avec l’entraînement).</translation>
    </message>
    <message>
        <source>Expanding the training data (ch. 3, ch. 6): each epoch trains on fresh copies of the training images, shifted at random by up to this many pixels along each axis. Varied copies make a network that overfits less. 0 to 14 (0: none; Simard 2003 uses 1-2).</source>
        <translation>Extension des données d’entraînement (chap. 3, chap. 6)&#xa0;: chaque époque s’entraîne sur de nouvelles copies des images d’entraînement, décalées au hasard d’au plus ce nombre de pixels selon chaque axe. Des copies variées donnent un réseau qui surapprend moins. De 0 à 14 (0&#xa0;: aucun décalage&#x202f;; Simard 2003 utilise 1-2).</translation>
    </message>
    <message>
        <source>Affine distortion: each epoch&apos;s copies of the training images are rotated at random by up to this many degrees. 0 to 180 (0: none; 8 is a digit&apos;s natural slant).</source>
        <translation>Déformation affine&#xa0;: les copies des images d’entraînement de chaque époque sont tournées au hasard d’au plus ce nombre de degrés. De 0 à 180 (0&#xa0;: aucune&#x202f;; 8 est l’inclinaison naturelle d’un chiffre).</translation>
    </message>
    <message>
        <source>Affine distortion: each epoch&apos;s copies are scaled along each axis by a random factor from 1 - x to 1 + x, x from 0 to 0.9 (0: none; 0.08 is usual).</source>
        <translation>Déformation affine&#xa0;: les copies de chaque époque sont mises à l’échelle selon chaque axe par un facteur aléatoire de 1 - x à 1 + x, x de 0 à 0,9 (0&#xa0;: aucune&#x202f;; 0,08 est courant).</translation>
    </message>
    <message>
        <source>Affine distortion: each epoch&apos;s copies are sheared (slanted) horizontally by a random slope up to this, 0 to 2 (0: none; 0.15 is usual).</source>
        <translation>Déformation affine&#xa0;: les copies de chaque époque sont cisaillées (penchées) horizontalement d’une pente aléatoire allant jusqu’à cette valeur, de 0 à 2 (0&#xa0;: aucune&#x202f;; 0,15 est courant).</translation>
    </message>
    <message>
        <source>Elastic distortion (Simard 2003): each epoch&apos;s copies are warped by a random, smooth displacement field, like the wobble of a hand; alpha is how far the pixels move, in pixels. 0 to 100 (0: none; Simard: 34).</source>
        <translation>Déformation élastique (Simard 2003)&#xa0;: les copies de chaque époque sont déformées par un champ de déplacement aléatoire et lisse, comme le tremblement d’une main&#x202f;; alpha est l’amplitude du déplacement des pixels, en pixels. De 0 à 100 (0&#xa0;: aucune&#x202f;; Simard&#xa0;: 34).</translation>
    </message>
    <message>
        <source>Smoothness of the elastic warp (sigma of its Gaussian, in pixels), above 0 and at most 28 (Simard: 4); small values tear the strokes, large ones barely move them.</source>
        <translation>Lissage de la déformation élastique (sigma de sa gaussienne, en pixels), supérieur à 0 et au plus 28 (Simard&#xa0;: 4)&#x202f;; les petites valeurs déchirent les traits, les grandes les déplacent à peine.</translation>
    </message>
    <message>
        <source>Keep the best epoch (early stopping, ch. 3): when the run ends, put back the weights of the epoch with the best validation accuracy rather than keep the last epoch&apos;s.
The validation images are kept out of training to choose settings such as this one; the test images are kept apart to measure the final accuracy only.</source>
        <translation>Garder la meilleure époque (arrêt anticipé, chap. 3)&#xa0;: à la fin de l’entraînement, remettre les poids de l’époque qui a la meilleure exactitude en validation plutôt que garder ceux de la dernière époque.
Les images de validation sont tenues à l’écart de l’entraînement pour choisir des réglages comme celui-ci&#x202f;; les images de test sont mises à part pour mesurer uniquement l’exactitude finale.</translation>
    </message>
    <message>
        <source>Add the digits you saved in the Draw view (Save to my digits, Correct me) to the training
images of the run, after MNIST&apos;s (and after any training-set size cut).</source>
        <translation>Ajouter les chiffres enregistrés dans la vue Dessiner (Enregistrer dans mes chiffres, Corrigez-moi) aux images
d’entraînement de l’entraînement, après celles de MNIST (et après une éventuelle réduction de l’ensemble d’entraînement).</translation>
    </message>
    <message>
        <source>Pres&amp;et:</source>
        <translation>Pré&amp;réglage&#xa0;:</translation>
    </message>
    <message>
        <source>Hidde&amp;n layers:</source>
        <translation>Couches cac&amp;hées&#xa0;:</translation>
    </message>
    <message>
        <source>E&amp;pochs:</source>
        <translation>É&amp;poques&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Mini-batch size:</source>
        <translation>Taille du &amp;mini-lot&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Learning rate (eta):</source>
        <translation>Taux d’&amp;apprentissage (eta)&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ost:</source>
        <translation>C&amp;oût&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Initial weights:</source>
        <translation>Poids &amp;initiaux&#xa0;:</translation>
    </message>
    <message>
        <source>L&amp;2 lambda:</source>
        <translation>Lambda L&amp;2&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Data:</source>
        <translation>&amp;Données&#xa0;:</translation>
    </message>
    <message>
        <source>Mo&amp;re options</source>
        <translation>Plus d’&amp;options</translation>
    </message>
    <message>
        <source>Precision, binarized pixels, training-set size, learning-rate schedule, best epoch kept, distortions and seed</source>
        <translation>Précision, pixels binarisés, taille de l’ensemble d’entraînement, calendrier du taux d’apprentissage, meilleure époque gardée, déformations et graine</translation>
    </message>
    <message>
        <source>Pre&amp;cision:</source>
        <translation>Pré&amp;cision&#xa0;:</translation>
    </message>
    <message>
        <source>Binari&amp;ze pixels:</source>
        <translation>Binari&amp;ser les pixels&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Training images:</source>
        <translation>Images d’&amp;entraînement&#xa0;:</translation>
    </message>
    <message>
        <source>Halve eta &amp;after:</source>
        <translation>Diviser eta par deux a&amp;près&#xa0;:</translation>
    </message>
    <message>
        <source>stalled epochs</source>
        <translation>époques sans progrès</translation>
    </message>
    <message>
        <source>Stop at halvin&amp;g:</source>
        <translation>Arrêter à la di&amp;vision&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Keep best:</source>
        <translation>&amp;Garder la meilleure&#xa0;:</translation>
    </message>
    <message>
        <source>S&amp;hift up to:</source>
        <translation>&amp;Décaler jusqu’à&#xa0;:</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>pixels</translation>
    </message>
    <message>
        <source>Rotate &amp;up to:</source>
        <translation>To&amp;urner jusqu’à&#xa0;:</translation>
    </message>
    <message>
        <source>degrees</source>
        <translation>degrés</translation>
    </message>
    <message>
        <source>Size &amp;varies by:</source>
        <translation>&amp;Taille variant de&#xa0;:</translation>
    </message>
    <message>
        <source>± fraction</source>
        <translation>± fraction</translation>
    </message>
    <message>
        <source>Ske&amp;w (shear) up to:</source>
        <translation>Ci&amp;sailler jusqu’à&#xa0;:</translation>
    </message>
    <message>
        <source>slope</source>
        <translation>pente</translation>
    </message>
    <message>
        <source>Elastic &amp;field alpha:</source>
        <translation>Alpha du &amp;champ élastique&#xa0;:</translation>
    </message>
    <message>
        <source>Elastic &amp;blur sigma:</source>
        <translation>Sigma du &amp;flou élastique&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Graine&#xa0;:</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}&#xa0;: {1}</translation>
    </message>
    <message>
        <source>network: ? – {0}</source>
        <translation>réseau&#xa0;:&#x202f;? – {0}</translation>
    </message>
    <message>
        <source>{0}: every hidden layer needs 1 to 100,000 neurons</source>
        <translation>{0}&#xa0;: chaque couche cachée doit avoir de 1 à 100&#x202f;000 neurones</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>époques</translation>
    </message>
    <message>
        <source>epochs must be a whole number from 1 to 100,000</source>
        <translation>le nombre d’époques doit être un nombre entier de 1 à 100&#x202f;000</translation>
    </message>
    <message>
        <source>mini-batch size</source>
        <translation>taille du mini-lot</translation>
    </message>
    <message>
        <source>mini-batch size must be a whole number from 1 to 60,000</source>
        <translation>la taille du mini-lot doit être un nombre entier de 1 à 60&#x202f;000</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>taux d’apprentissage</translation>
    </message>
    <message>
        <source>learning rate must be above 0 and at most 1000</source>
        <translation>le taux d’apprentissage doit être supérieur à 0 et au plus 1 000</translation>
    </message>
    <message>
        <source>L2 lambda</source>
        <translation>lambda L2</translation>
    </message>
    <message>
        <source>L2 lambda must be from 0 to 1,000,000 (0: no regularization)</source>
        <translation>le lambda L2 doit être compris entre 0 et 1 000 000 (0&#xa0;: pas de régularisation)</translation>
    </message>
    <message>
        <source>binarize threshold</source>
        <translation>seuil de binarisation</translation>
    </message>
    <message>
        <source>the binarize threshold must be at least 0 and below 1 (empty: off)</source>
        <translation>le seuil de binarisation doit être au moins 0 et inférieur à 1 (vide&#xa0;: non)</translation>
    </message>
    <message>
        <source>training-set size</source>
        <translation>taille de l’ensemble d’entraînement</translation>
    </message>
    <message>
        <source>there are no training images to train on</source>
        <translation>il n’y a aucune image d’entraînement sur laquelle s’entraîner</translation>
    </message>
    <message>
        <source>training-set size must be a whole number from 1 to {0} (empty: all)</source>
        <translation>la taille de l’ensemble d’entraînement doit être un nombre entier de 1 à {0} (vide&#xa0;: toutes)</translation>
    </message>
    <message>
        <source>patience</source>
        <translation>patience</translation>
    </message>
    <message>
        <source>the epochs before halving eta must be a whole number, at least 1 (empty: never)</source>
        <translation>le nombre d’époques avant de diviser eta par deux doit être un nombre entier, au moins 1 (vide&#xa0;: jamais)</translation>
    </message>
    <message>
        <source>halvings</source>
        <translation>divisions</translation>
    </message>
    <message>
        <source>the halving that ends the run must be a whole number from 0 to 60</source>
        <translation>la division qui arrête l’entraînement doit être un nombre entier de 0 à 60</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>décalage</translation>
    </message>
    <message>
        <source>rotation</source>
        <translation>rotation</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>échelle</translation>
    </message>
    <message>
        <source>shear</source>
        <translation>cisaillement</translation>
    </message>
    <message>
        <source>elastic alpha</source>
        <translation>alpha élastique</translation>
    </message>
    <message>
        <source>elastic sigma</source>
        <translation>sigma élastique</translation>
    </message>
    <message>
        <source>above 0</source>
        <translation>supérieur à 0</translation>
    </message>
    <message>
        <source>from 0</source>
        <translation>à partir de 0</translation>
    </message>
    <message>
        <source>{0} must be a number {1} to {2}</source>
        <translation>{0} doit être un nombre {1} jusqu’à {2}</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>graine</translation>
    </message>
    <message>
        <source>the seed must be a whole number, 0 or more (empty: random)</source>
        <translation>la graine doit être un nombre entier, 0 ou plus (vide&#xa0;: aléatoire)</translation>
    </message>
    <message>
        <source>a {0} network has {1} weights; at most {2} are allowed (about {3} GB of memory to train in float32). Use smaller layers.</source>
        <translation>un réseau {0} a {1} poids&#x202f;; au plus {2} sont permis (environ {3} Go de mémoire pour l’entraîner en float32). Prenez des couches plus petites.</translation>
    </message>
    <message>
        <source>a mini-batch of {0} through a layer of {1} neurons needs buffers of {2} values each; at most {3} are allowed. Use a smaller mini-batch or smaller layers.</source>
        <translation>un mini-lot de {0} traversant une couche de {1} neurones demande des tampons de {2} valeurs chacun&#x202f;; au plus {3} sont permis. Prenez un mini-lot plus petit ou des couches plus petites.</translation>
    </message>
    <message>
        <source>learning rate x L2 lambda / training-set size is {0}; it must stay below 1, or the weight decay factor 1 - eta*lambda/n ({1}) flips the weights&apos; sign or blows them up (ch. 3, eq. 93). Use a smaller learning rate or lambda.</source>
        <translation>taux d’apprentissage x lambda L2 / taille de l’ensemble d’entraînement vaut {0}&#x202f;; il doit rester inférieur à 1, sinon le facteur de décroissance des poids 1 - eta*lambda/n ({1}) inverse le signe des poids ou les fait exploser (chap. 3, éq. 93). Prenez un taux d’apprentissage ou un lambda plus petit.</translation>
    </message>
    <message>
        <source>Running: press Enter to use a new value from the next mini-batch.</source>
        <translation>En cours&#xa0;: appuyez sur Entrée pour utiliser une nouvelle valeur à partir du prochain mini-lot.</translation>
    </message>
    <message>
        <source>network: {0}</source>
        <translation>réseau&#xa0;: {0}</translation>
    </message>
    <message>
        <source>pixels binarized at {0}</source>
        <translation>pixels binarisés à {0}</translation>
    </message>
    <message>
        <source>{0} training images</source>
        <translation>{0} images d’entraînement</translation>
    </message>
    <message>
        <source>eta halved after {0} stalled epochs</source>
        <translation>eta divisé par deux après {0} époques sans progrès</translation>
    </message>
    <message>
        <source>seed {0}</source>
        <translation>graine {0}</translation>
    </message>
    <message>
        <source>best epoch kept</source>
        <translation>meilleure époque gardée</translation>
    </message>
    <message>
        <source>distorted copies each epoch</source>
        <translation>copies déformées à chaque époque</translation>
    </message>
    <message>
        <source>Open to correct: {0}</source>
        <translation>Ouvrir pour corriger&#xa0;: {0}</translation>
    </message>
    <message>
        <source>all ({0})</source>
        <translation>toutes ({0})</translation>
    </message>
    <message>
        <source>Train on the first n training images only, a whole number from 1 to {0}; empty: all of them. Fewer images train faster but overfit sooner: the training accuracy climbs while the validation accuracy stalls (ch. 3).</source>
        <translation>Entraîner sur les n premières images d’entraînement seulement, un nombre entier de 1 à {0}&#x202f;; vide&#xa0;: toutes. Avec moins d’images, l’entraînement est plus rapide mais le surapprentissage arrive plus tôt&#xa0;: l’exactitude en entraînement monte pendant que l’exactitude en validation stagne (chap. 3).</translation>
    </message>
    <message>
        <source>Add my digits to training (they cannot be read: left out)</source>
        <translation>Ajouter mes chiffres à l’entraînement (illisibles&#xa0;: laissés de côté)</translation>
    </message>
    <message>
        <source>{0}

Your digits cannot be read, so a run leaves them out (the Draw view says what to do):
{1}</source>
        <translation>{0}

Vos chiffres ne peuvent pas être lus, un entraînement les laisse donc de côté (la vue Dessiner dit que faire)&#xa0;:
{1}</translation>
    </message>
    <message>
        <source>Add my digits to training</source>
        <translation>Ajouter mes chiffres à l’entraînement</translation>
    </message>
    <message>
        <source>Add my digits to training (none saved yet)</source>
        <translation>Ajouter mes chiffres à l’entraînement (aucun enregistré pour l’instant)</translation>
    </message>
    <message>
        <source>Add my digits to training ({0})</source>
        <translation>Ajouter mes chiffres à l’entraînement ({0})</translation>
    </message>
    <message>
        <source>on</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vide</translation>
    </message>
</context>
<context>
    <name>TrainingPlot</name>
    <message>
        <source>cost</source>
        <extracomment>The runs&apos; colours, (r, g, b) 0-255, in the order runs get them (Tableau 10 without its red, kept for the diverged marker, and its grey, kept for the cursor line). Opacity (0-255) of the runs that are not the current one (about 0.35). Time constant of the smoothed cost, in epochs (see :meth:`TrainingPlot.add_costs`). Faded runs that paint from a pixmap cache: the newest this many (older ones paint their curves each time, about 0.5 ms a run). Qt&apos;s pixmap cache is sized to hold them (:meth:`TrainingPlot._size_pixmap_cache`): at its default 10 MB, four faded runs&apos; pixmaps (about 7 items of up to a plot&apos;s size each) overflowed it, and every paint re-rendered the evicted ones: 16-22 ms instead of 3 ms a paint. The hover readout lists the other visible runs too when there are at most this many.</extracomment>
        <translation>coût</translation>
    </message>
    <message>
        <source>Cost (faint: each report window; line: smoothed)</source>
        <translation>Coût (pâle&#xa0;: brut&#x202f;; trait&#xa0;: lissé)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>Accuracy at the end of each epoch</source>
        <translation>Exactitude à la fin de chaque époque</translation>
    </message>
    <message>
        <source>Top: the cost on the training mini-batches as training goes on; it should fall. Bottom: the accuracy at the end of each epoch on the training, validation and test images; it should rise. When the training accuracy keeps rising while the validation accuracy stalls or falls, the network is overfitting.
Hover to read the values; drag to pan, wheel to zoom; right-click for more (including Export…).</source>
        <translation>En haut&#xa0;: le coût sur les mini-lots d’entraînement au fil de l’entraînement&#x202f;; il doit baisser. En bas&#xa0;: l’exactitude à la fin de chaque époque sur les images d’entraînement, de validation et de test&#x202f;; elle doit monter. Quand l’exactitude en entraînement continue de monter alors que l’exactitude en validation stagne ou baisse, le réseau est en surapprentissage.
Survolez pour lire les valeurs&#x202f;; faites glisser pour vous déplacer, molette pour zoomer&#x202f;; clic droit pour plus d’options (dont Export…).</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entraînement</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>best validation</source>
        <translation>meilleure validation</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <source>Follow the data again</source>
        <translation>Suivre de nouveau les données</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>divergé</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>époque {0}</translation>
    </message>
    <message>
        <source>this run</source>
        <translation>cet entraînement</translation>
    </message>
    <message>
        <source>  cost {0} (smoothed {1}) at epoch {2}</source>
        <translation>  coût {0} (lissé {1}) à l’époque {2}</translation>
    </message>
    <message>
        <source>  epoch {0}: training {1}, validation {2}, test {3}</source>
        <translation>  époque {0}&#xa0;: entraînement {1}, validation {2}, test {3}</translation>
    </message>
    <message>
        <source>  no points yet</source>
        <translation>  pas encore de points</translation>
    </message>
    <message>
        <source>Cannot draw the plots into an image: {0}</source>
        <translation>Impossible de dessiner les graphiques dans une image&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Cannot write the image {0}: check that its folder exists and can be written to.</source>
        <translation>Impossible d’écrire l’image {0}&#xa0;: vérifiez que son dossier existe et qu’il est accessible en écriture.</translation>
    </message>
    <message>
        <source>A learning-rate change at a mini-batch needs n_batches: {0}</source>
        <translation>Un changement de taux d’apprentissage à un mini-lot demande n_batches&#xa0;: {0}</translation>
    </message>
    <message>
        <source>eta {0}</source>
        <translation>eta {0}</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Training finished</source>
        <translation>Entraînement terminé</translation>
    </message>
    <message>
        <source>; the weights of epoch {0}, the best on validation, are kept</source>
        <translation>&#x202f;; les poids de l’époque {0}, la meilleure en validation, sont gardés</translation>
    </message>
    <message>
        <source>Training diverged in epoch {0}: the validation accuracy fell to chance ({1}; the network gives the same answer for almost every image). The weights of the last good epoch are kept. Try a smaller learning rate</source>
        <translation>L’entraînement a divergé à l’époque {0}&#xa0;: l’exactitude en validation est tombée au niveau du hasard ({1}&#x202f;; le réseau donne la même réponse pour presque toutes les images). Les poids de la dernière bonne époque sont gardés. Essayez un taux d’apprentissage plus petit</translation>
    </message>
    <message>
        <source>Training stopped early at epoch {0}: validation accuracy stopped improving</source>
        <translation>Entraînement arrêté tôt à l’époque {0}&#xa0;: l’exactitude en validation ne progressait plus</translation>
    </message>
    <message>
        <source>Training diverged in epoch {0} (the cost became infinite); the weights of the last good epoch are kept. Try a smaller learning rate</source>
        <translation>L’entraînement a divergé à l’époque {0} (le coût est devenu infini)&#x202f;; les poids de la dernière bonne époque sont gardés. Essayez un taux d’apprentissage plus petit</translation>
    </message>
    <message>
        <source>Training stopped in epoch {0}, after mini-batch {1}</source>
        <translation>Entraînement arrêté à l’époque {0}, après le mini-lot {1}</translation>
    </message>
    <message>
        <source>Training stopped at the start of epoch {0}</source>
        <translation>Entraînement arrêté au début de l’époque {0}</translation>
    </message>
</context>
<context>
    <name>WeightMosaic</name>
    <message>
        <source>Each tile is one hidden neuron&apos;s 784 incoming weights, laid over the 28 x 28 image: red where ink raises the neuron&apos;s weighted input z, blue where ink lowers it, white where a pixel does not matter. Watch the tiles take shape as the network learns.
Click a tile (or use the arrow keys) to see that neuron in detail below.</source>
        <extracomment>Most tiles the mosaic shows (the first ones); wider layers are cut, and the caption says so. Most outgoing-weight bars the detail panel draws (the first ones). Side of a tile in image pixels: MNIST&apos;s 28 x 28 input. Pixels of neutral background between tiles in the composed image. Percentile of |w| over the shown tiles that sets the colour scale&apos;s ends (see :func:`symmetric_level`).</extracomment>
        <translation>Chaque tuile montre les 784 poids entrants d’un neurone caché, disposés sur l’image de 28 × 28&#xa0;: rouge là où l’encre augmente l’entrée pondérée z du neurone, bleu là où l’encre la diminue, blanc là où un pixel ne compte pas. Regardez les tuiles prendre forme à mesure que le réseau apprend.
Cliquez sur une tuile (ou utilisez les flèches) pour voir ce neurone en détail ci-dessous.</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>poids</translation>
    </message>
    <message>
        <source>No network to look inside yet: train one or open a model file.</source>
        <translation>Pas encore de réseau à examiner&#xa0;: entraînez-en un ou ouvrez un fichier de modèle.</translation>
    </message>
    <message>
        <source>This network has {0} inputs, not 784 = 28 × 28 pixels, so its weights cannot be drawn as images.</source>
        <translation>Ce réseau a {0} entrées, et non 784 = 28 × 28 pixels&#xa0;: ses poids ne peuvent donc pas être dessinés comme des images.</translation>
    </message>
    <message>
        <source>This network has no hidden layer: these are the incoming weights of its {0} output neurons, one 28 × 28 tile per neuron, i.e. one template per digit (tile j votes for digit j).</source>
        <translation>Ce réseau n’a pas de couche cachée&#xa0;: voici les poids entrants de ses {0} neurones de sortie, une tuile de 28 × 28 par neurone, soit un modèle par chiffre (la tuile j vote pour le chiffre j).</translation>
    </message>
    <message>
        <source>Incoming weights of the {0} neurons of hidden layer 1 (one 28 × 28 tile each). Click a tile.</source>
        <translation>Poids entrants des {0} neurones de la couche cachée 1 (une tuile de 28 × 28 chacun). Cliquez sur une tuile.</translation>
    </message>
    <message>
        <source>showing {0} of {1} neurons</source>
        <translation>{0} neurones affichés sur {1}</translation>
    </message>
    <message>
        <source>Red +, blue −, white 0; full colour at ±{0}.</source>
        <translation>Rouge +, bleu −, blanc 0&#x202f;; couleur pleine à ±{0}.</translation>
    </message>
    <message>
        <source>Red: positive weight (ink there raises the neuron&apos;s z), blue: negative (lowers it), white: 0. Colours reach their ends at ±{0}, the 99th percentile of |w| over these tiles rounded up to a round step, so that a few large weights do not wash out the rest.</source>
        <translation>Rouge&#xa0;: poids positif (de l’encre à cet endroit augmente le z du neurone), bleu&#xa0;: négatif (le diminue), blanc&#xa0;: 0. Les couleurs atteignent leurs extrêmes à ±{0}, le 99e centile de |w| sur ces tuiles arrondi à un pas rond, pour que quelques grands poids n’écrasent pas le reste.</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>type a whole number, e.g. 50000 or 50 000</source>
        <extracomment>Thousands separators accepted in any locale, between groups of three digits: space, no-break space, thin space, narrow no-break space, figure space, underscore, apostrophes.</extracomment>
        <translation>tapez un nombre entier, par exemple 50000 ou 50 000</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a whole number; type e.g. 50000 or 50 000</source>
        <translation>«&#xa0;{0}&#xa0;» n’est pas un nombre entier&#x202f;; tapez par exemple 50000 ou 50 000</translation>
    </message>
    <message>
        <source>type a number, e.g. 0.5, 0,5 or 1e-3</source>
        <translation>tapez un nombre, par exemple 0,5, 0.5 ou 1e-3</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a number; type e.g. 0.5, 0,5 or 1e-3</source>
        <translation>«&#xa0;{0}&#xa0;» n’est pas un nombre&#x202f;; tapez par exemple 0,5, 0.5 ou 1e-3</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a finite number</source>
        <translation>«&#xa0;{0}&#xa0;» n’est pas un nombre fini</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is ambiguous (thousands separator or decimal mark?): type {1} or {2}</source>
        <translation>«&#xa0;{0}&#xa0;» est ambigu (séparateur de milliers ou virgule décimale&#x202f;?)&#xa0;: tapez {1} ou {2}</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>Help: the Draw view</source>
        <extracomment>The book&apos;s address; chapter ``n`` is at ``{BOOK}/chap{n}.html``. The views that have a help page and a hint, in the order of the window&apos;s tabs.</extracomment>
        <translation>Aide&#xa0;: la vue Dessiner</translation>
    </message>
    <message>
        <source>Help: the Train view</source>
        <translation>Aide&#xa0;: la vue Entraîner</translation>
    </message>
    <message>
        <source>Help: the Browse view</source>
        <translation>Aide&#xa0;: la vue Parcourir</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Draw: how the network reads a digit&lt;/h2&gt;&lt;p&gt;Draw a digit on the black canvas with the mouse: as you draw, the network reads your drawing and answers. On the right, &quot;How the network sees it&quot; shows how your drawing is prepared, as MNIST&apos;s digits were: cropped to the ink, scaled into 20 x 20 pixels and centred in a 28 x 28 field. Those 784 numbers are what the network sees.&lt;/p&gt;&lt;h3&gt;What to try&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Draw a 1, then add a bar at its top to make a 7, and watch the output bars move.&lt;/li&gt;&lt;li&gt;Press &lt;b&gt;Random&lt;/b&gt; to load a test image, then draw on it: how much ink does it take to change the answer?&lt;/li&gt;&lt;li&gt;Draw something that is not a digit: the app says so rather than guess.&lt;/li&gt;&lt;li&gt;Save a few of your own digits, then see in Browse how well the network reads your handwriting.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;The ideas&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Sigmoid neuron.&lt;/b&gt; Each neuron adds up its inputs, each times a weight, plus a bias: that is its &lt;i&gt;weighted input&lt;/i&gt; z. It outputs σ(z) = 1 / (1 + e&lt;sup&gt;−z&lt;/sup&gt;), a number between 0 and 1, its &lt;i&gt;activation&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Layers.&lt;/b&gt; The 784 pixels feed the hidden neurons, which feed 10 output neurons, one per digit (a 784-30-10 network has 30 hidden neurons).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output activations.&lt;/b&gt; The answer is the output neuron with the highest activation. A clear digit gives one activation near 1 and the others near 0; two close bars mean the network hesitates.&lt;/p&gt;&lt;h3&gt;Read more&lt;/h3&gt;&lt;p&gt;Nielsen, &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;, &lt;a href=&quot;{ch1}&quot;&gt;chapter 1&lt;/a&gt;: sigmoid neurons, the architecture of neural networks, and a simple network to classify handwritten digits.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Dessiner&#xa0;: comment le réseau lit un chiffre&lt;/h2&gt;&lt;p&gt;Dessinez un chiffre à la souris sur le canevas noir&#xa0;: pendant que vous dessinez, le réseau lit votre dessin et répond. À droite, «&#xa0;Ce que voit le réseau&#xa0;» montre comment votre dessin est préparé, comme l’ont été les chiffres de MNIST&#xa0;: recadré sur l’encre, mis à l’échelle dans 20 × 20 pixels et centré dans un cadre de 28 × 28. Ce sont ces 784 nombres que voit le réseau.&lt;/p&gt;&lt;h3&gt;À essayer&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Dessinez un 1, puis ajoutez une barre en haut pour en faire un 7, et regardez bouger les barres de sortie.&lt;/li&gt;&lt;li&gt;Appuyez sur &lt;b&gt;Au hasard&lt;/b&gt; pour charger une image de test, puis dessinez dessus&#xa0;: combien d’encre faut-il pour changer la réponse&#x202f;?&lt;/li&gt;&lt;li&gt;Dessinez quelque chose qui n’est pas un chiffre&#xa0;: l’application le dit au lieu de deviner.&lt;/li&gt;&lt;li&gt;Enregistrez quelques-uns de vos propres chiffres, puis regardez dans Parcourir si le réseau lit bien votre écriture.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Les idées&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Neurone sigmoïde.&lt;/b&gt; Chaque neurone additionne ses entrées, chacune multipliée par un poids, plus un biais&#xa0;: c’est son &lt;i&gt;entrée pondérée&lt;/i&gt; z. Il renvoie σ(z) = 1 / (1 + e&lt;sup&gt;−z&lt;/sup&gt;), un nombre entre 0 et 1, son &lt;i&gt;activation&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Couches.&lt;/b&gt; Les 784 pixels alimentent les neurones cachés, qui alimentent 10 neurones de sortie, un par chiffre (un réseau 784-30-10 a 30 neurones cachés).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Activations de sortie.&lt;/b&gt; La réponse est le neurone de sortie qui a la plus forte activation. Un chiffre net donne une activation proche de 1 et les autres proches de 0&#x202f;; deux barres de hauteur voisine signifient que le réseau hésite.&lt;/p&gt;&lt;h3&gt;Pour aller plus loin&lt;/h3&gt;&lt;p&gt;Nielsen, &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;, &lt;a href=&quot;{ch1}&quot;&gt;chapitre 1&lt;/a&gt;&#xa0;: les neurones sigmoïdes, l’architecture des réseaux de neurones, et un réseau simple pour classer des chiffres manuscrits.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Train: watch a network learn&lt;/h2&gt;&lt;p&gt;The form on the left sets up a new network and how it is trained. Press &lt;b&gt;Train&lt;/b&gt;: the network starts from random weights, and the plots show its cost falling and its accuracy rising, epoch after epoch. The table lists every run, so that you can compare them; the right column shows the first layer&apos;s weights and how many neurons are saturated.&lt;/p&gt;&lt;h3&gt;What to try&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Train with the default settings (the notebook&apos;s network, 784-15-10), then change one setting and train again.&lt;/li&gt;&lt;li&gt;Set the learning rate to 0.01, then to 100: too small learns slowly, too large jumps around.&lt;/li&gt;&lt;li&gt;Compare the quadratic and the cross-entropy cost, or N(0, 1) and N(0, 1/n_in) initial weights, and watch the saturation plot.&lt;/li&gt;&lt;li&gt;Train on 1,000 images only (More options, Training images): the training accuracy climbs far above the validation accuracy, which stalls. That is overfitting; then try L2 lambda 5, or distortions.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;The ideas&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Stochastic gradient descent.&lt;/b&gt; The cost measures how wrong the network is. Each step takes a &lt;i&gt;mini-batch&lt;/i&gt; of training images, computes how each weight should change to lower the cost (backpropagation), and moves the weights a little that way; the &lt;i&gt;learning rate&lt;/i&gt; eta sets how far. One &lt;i&gt;epoch&lt;/i&gt; is one pass over all the training images.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cost.&lt;/b&gt; The quadratic cost learns slowly when an output neuron is &lt;i&gt;saturated&lt;/i&gt; (its sigmoid stuck near 0 or 1 while wrong); the cross-entropy cost does not.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Validation and test sets.&lt;/b&gt; The network learns from the 50,000 training images only. The 10,000 validation images help choose settings and the best epoch; the 10,000 test images only report how well it does on digits it has never seen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Overfitting and regularization.&lt;/b&gt; A network can learn the training images by heart and do worse on new ones. L2 regularization keeps the weights small; more training data (distorted copies of the images) helps too.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Weight initialization.&lt;/b&gt; Weights drawn from N(0, 1/n_in) keep the weighted inputs small, so the hidden neurons do not start saturated.&lt;/p&gt;&lt;h3&gt;Read more&lt;/h3&gt;&lt;p&gt;Nielsen, &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;: &lt;a href=&quot;{ch1}&quot;&gt;chapter 1&lt;/a&gt; (gradient descent, stochastic gradient descent, mini-batches, epochs, the learning rate); &lt;a href=&quot;{ch2}&quot;&gt;chapter 2&lt;/a&gt; (backpropagation); &lt;a href=&quot;{ch3}&quot;&gt;chapter 3&lt;/a&gt; (the cross-entropy cost, overfitting, validation data, L2 regularization, weight initialization, choosing hyper-parameters); &lt;a href=&quot;{ch6}&quot;&gt;chapter 6&lt;/a&gt; (expanding the training data with distortions).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Entraîner&#xa0;: regarder un réseau apprendre&lt;/h2&gt;&lt;p&gt;Le formulaire de gauche définit un nouveau réseau et la façon de l’entraîner. Appuyez sur &lt;b&gt;Entraîner&lt;/b&gt;&#xa0;: le réseau part de poids aléatoires, et les graphiques montrent son coût qui baisse et son exactitude qui monte, époque après époque. Le tableau liste tous les entraînements, pour que vous puissiez les comparer&#x202f;; la colonne de droite montre les poids de la première couche et combien de neurones sont saturés.&lt;/p&gt;&lt;h3&gt;À essayer&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Entraînez avec les réglages par défaut (le réseau du notebook, 784-15-10), puis changez un seul réglage et entraînez de nouveau.&lt;/li&gt;&lt;li&gt;Mettez le taux d’apprentissage à 0,01, puis à 100&#xa0;: trop petit, le réseau apprend lentement&#x202f;; trop grand, le coût fait des bonds.&lt;/li&gt;&lt;li&gt;Comparez le coût quadratique et le coût d’entropie croisée, ou les poids initiaux N(0, 1) et N(0, 1/n_in), et regardez le graphique de saturation.&lt;/li&gt;&lt;li&gt;Entraînez sur 1&#x202f;000 images seulement (Plus d’options, Images d’entraînement)&#xa0;: l’exactitude en entraînement monte bien au-dessus de l’exactitude en validation, qui stagne. C’est du surapprentissage&#x202f;; essayez alors un lambda L2 de 5, ou des déformations.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Les idées&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Descente de gradient stochastique.&lt;/b&gt; Le coût mesure à quel point le réseau se trompe. Chaque pas prend un &lt;i&gt;mini-lot&lt;/i&gt; d’images d’entraînement, calcule comment chaque poids devrait changer pour faire baisser le coût (rétropropagation), et déplace un peu les poids dans ce sens&#x202f;; le &lt;i&gt;taux d’apprentissage&lt;/i&gt; eta fixe la taille de ce déplacement. Une &lt;i&gt;époque&lt;/i&gt; est un passage sur toutes les images d’entraînement.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Coût.&lt;/b&gt; Le coût quadratique apprend lentement quand un neurone de sortie est &lt;i&gt;saturé&lt;/i&gt; (sa sigmoïde bloquée près de 0 ou de 1 alors qu’il se trompe)&#x202f;; le coût d’entropie croisée, non.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ensembles de validation et de test.&lt;/b&gt; Le réseau apprend uniquement à partir des 50&#x202f;000 images d’entraînement. Les 10&#x202f;000 images de validation aident à choisir les réglages et la meilleure époque&#x202f;; les 10&#x202f;000 images de test servent seulement à mesurer comment il s’en sort sur des chiffres qu’il n’a jamais vus.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Surapprentissage et régularisation.&lt;/b&gt; Un réseau peut apprendre par cœur les images d’entraînement et faire moins bien sur de nouvelles. La régularisation L2 garde les poids petits&#x202f;; davantage de données d’entraînement (des copies déformées des images) aide aussi.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Initialisation des poids.&lt;/b&gt; Des poids tirés selon N(0, 1/n_in) gardent les entrées pondérées petites, si bien que les neurones cachés ne sont pas saturés dès le départ.&lt;/p&gt;&lt;h3&gt;Pour aller plus loin&lt;/h3&gt;&lt;p&gt;Nielsen, &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;&#xa0;: &lt;a href=&quot;{ch1}&quot;&gt;chapitre 1&lt;/a&gt; (descente de gradient, descente de gradient stochastique, mini-lots, époques, taux d’apprentissage)&#x202f;; &lt;a href=&quot;{ch2}&quot;&gt;chapitre 2&lt;/a&gt; (rétropropagation)&#x202f;; &lt;a href=&quot;{ch3}&quot;&gt;chapitre 3&lt;/a&gt; (coût d’entropie croisée, surapprentissage, données de validation, régularisation L2, initialisation des poids, choix des hyperparamètres)&#x202f;; &lt;a href=&quot;{ch6}&quot;&gt;chapitre 6&lt;/a&gt; (extension des données d’entraînement par des déformations).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Browse: where the network fails&lt;/h2&gt;&lt;p&gt;The grid shows the test images (or another set) with the network&apos;s answers; a red cell is a mistake. Click an image to see it large with its output activations and, for a mistake, the hidden neurons that pushed it to the wrong answer. Below, the confusion matrix and a map of the set.&lt;/p&gt;&lt;h3&gt;What to try&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Choose &lt;b&gt;Misclassified only&lt;/b&gt; and &lt;b&gt;Highest cost first&lt;/b&gt;: the most confident mistakes come first. Would you have read them right?&lt;/li&gt;&lt;li&gt;Click a cell of the confusion matrix, say row 4, column 9, to see the fours read as nines.&lt;/li&gt;&lt;li&gt;Open a mistake in Draw and fix it with a few strokes.&lt;/li&gt;&lt;li&gt;Look at the map: many mistakes lie where two classes meet.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;The ideas&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Test set.&lt;/b&gt; Images the network never trained on: its accuracy there says how well it reads new digits.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Confusion matrix.&lt;/b&gt; Row = the true digit, column = the network&apos;s answer. The diagonal counts the right answers; every other cell counts one kind of mistake.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cost of an example.&lt;/b&gt; How wrong the network is on one image: high when it is confidently wrong.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Principal components.&lt;/b&gt; The map projects the last hidden layer&apos;s activations on the two directions along which they vary most, so that images the network sees alike lie close together.&lt;/p&gt;&lt;h3&gt;Read more&lt;/h3&gt;&lt;p&gt;Nielsen, &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;: &lt;a href=&quot;{ch1}&quot;&gt;chapter 1&lt;/a&gt; (the digits a simple network gets wrong); &lt;a href=&quot;{ch3}&quot;&gt;chapter 3&lt;/a&gt; (overfitting, validation and test data); &lt;a href=&quot;{ch6}&quot;&gt;chapter 6&lt;/a&gt; (better networks, and the few digits even they miss).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Parcourir&#xa0;: là où le réseau échoue&lt;/h2&gt;&lt;p&gt;La grille montre les images de test (ou d’un autre ensemble) avec les réponses du réseau&#x202f;; une case rouge est une erreur. Cliquez sur une image pour la voir en grand avec ses activations de sortie et, pour une erreur, les neurones cachés qui l’ont poussée vers la mauvaise réponse. En dessous, la matrice de confusion et une carte de l’ensemble.&lt;/p&gt;&lt;h3&gt;À essayer&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Choisissez &lt;b&gt;Mal classées seulement&lt;/b&gt; et &lt;b&gt;Coût le plus élevé d’abord&lt;/b&gt;&#xa0;: les erreurs commises avec le plus d’assurance viennent en premier. Les auriez-vous bien lues&#x202f;?&lt;/li&gt;&lt;li&gt;Cliquez sur une case de la matrice de confusion, par exemple ligne 4, colonne 9, pour voir les 4 lus comme des 9.&lt;/li&gt;&lt;li&gt;Ouvrez une erreur dans Dessiner et corrigez-la en quelques traits.&lt;/li&gt;&lt;li&gt;Regardez la carte&#xa0;: beaucoup d’erreurs se trouvent là où deux classes se rejoignent.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Les idées&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Ensemble de test.&lt;/b&gt; Des images sur lesquelles le réseau ne s’est jamais entraîné&#xa0;: son exactitude sur elles dit s’il lit bien de nouveaux chiffres.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Matrice de confusion.&lt;/b&gt; Ligne = le vrai chiffre, colonne = la réponse du réseau. La diagonale compte les bonnes réponses&#x202f;; chaque autre case compte un type d’erreur.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Coût d’un exemple.&lt;/b&gt; À quel point le réseau se trompe sur une image&#xa0;: élevé quand il se trompe avec assurance.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Composantes principales.&lt;/b&gt; La carte projette les activations de la dernière couche cachée sur les deux directions selon lesquelles elles varient le plus, de sorte que les images que le réseau voit comme semblables sont proches.&lt;/p&gt;&lt;h3&gt;Pour aller plus loin&lt;/h3&gt;&lt;p&gt;Nielsen, &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;&#xa0;: &lt;a href=&quot;{ch1}&quot;&gt;chapitre 1&lt;/a&gt; (les chiffres sur lesquels se trompe un réseau simple)&#x202f;; &lt;a href=&quot;{ch3}&quot;&gt;chapitre 3&lt;/a&gt; (surapprentissage, données de validation et de test)&#x202f;; &lt;a href=&quot;{ch6}&quot;&gt;chapitre 6&lt;/a&gt; (de meilleurs réseaux, et les quelques chiffres que même eux ratent).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse: the network answers as you draw. F1 explains this view.</source>
        <translation>Dessinez un chiffre à la souris&#xa0;: le réseau répond pendant que vous dessinez. F1 explique cette vue.</translation>
    </message>
    <message>
        <source>Press Train and watch the cost fall and the accuracy rise; then change one setting, train again and compare the curves.</source>
        <translation>Appuyez sur Entraîner et regardez le coût baisser et l’exactitude monter&#x202f;; puis changez un réglage, entraînez de nouveau et comparez les courbes.</translation>
    </message>
    <message>
        <source>Show the misclassified images: choose &quot;Misclassified only&quot; instead of &quot;All images&quot;, then click a cell of the confusion matrix to see which digits get mixed up.</source>
        <translation>Affichez les images mal classées&#xa0;: choisissez «&#xa0;Mal classées seulement&#xa0;» au lieu de «&#xa0;Toutes les images&#xa0;», puis cliquez sur une case de la matrice de confusion pour voir quels chiffres sont confondus.</translation>
    </message>
    <message>
        <source>A tip for your first use of this view; press F1 or &quot;?&quot; for its help page.</source>
        <translation>Une astuce pour votre première utilisation de cette vue&#x202f;; appuyez sur F1 ou «&#xa0;?&#xa0;» pour sa page d’aide.</translation>
    </message>
    <message>
        <source>Hide this tip. It stays hidden at the next start (mnist-gui --reset-settings brings it back).</source>
        <translation>Masquer cette astuce. Elle reste masquée au prochain démarrage (mnist-gui --reset-settings la fait revenir).</translation>
    </message>
    <message>
        <source>Hide this tip</source>
        <translation>Masquer cette astuce</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>affiché</translation>
    </message>
    <message>
        <source>Help on this view: what it shows, what to try, and where to read more in Nielsen&apos;s book (F1)</source>
        <translation>Aide sur cette vue&#xa0;: ce qu’elle montre, quoi essayer, et où en lire plus dans le livre de Nielsen (F1)</translation>
    </message>
    <message>
        <source>Help on this view</source>
        <translation>Aide sur cette vue</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>System default</source>
        <extracomment>Where the chosen language is remembered. The stored values: follow the system locale, English, French. Languages with a translation file (English is the source text and needs none).</extracomment>
        <translation>Langue du système</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>unrecognized arguments: {0}</source>
        <translation>arguments non reconnus&#xa0;: {0}</translation>
    </message>
    <message>
        <source>mnist-gui could not start: {0}: {1}

If this happens at every start, the remembered settings ({2}) may be to blame: start once with

    mnist-gui --reset-settings

to forget them.</source>
        <translation>mnist-gui n’a pas pu démarrer&#xa0;: {0}&#xa0;: {1}

Si cela arrive à chaque démarrage, les réglages mémorisés ({2}) sont peut-être en cause&#xa0;: lancez une fois

    mnist-gui --reset-settings

pour les oublier.</translation>
    </message>
    <message>
        <source>mnist-gui cannot start</source>
        <translation>mnist-gui ne peut pas démarrer</translation>
    </message>
    <message>
        <source>mnist-gui: Qt&apos;s xcb plugin cannot load, these system libraries are missing: {0}. On Debian or Ubuntu install them with: sudo apt-get update &amp;&amp; sudo apt-get install {1} (as root, the same without sudo). To check the app without a window: QT_QPA_PLATFORM=offscreen mnist-gui</source>
        <extracomment>Debian&apos;s package for the libraries whose package name does not follow from the file name (see :func:`debian_package`). Qt&apos;s own command-line options (QGuiApplication&apos;s and the xcb platform&apos;s), written with one dash or two, which the app passes on to Qt; any other option is refused as unrecognized. How long to wait for a remote X server (``DISPLAY=host:N``) to accept a connection, in seconds.</extracomment>
        <translation>mnist-gui&#xa0;: le plugin xcb de Qt ne peut pas se charger, ces bibliothèques système manquent&#xa0;: {0}. Sous Debian ou Ubuntu, installez-les avec&#xa0;: sudo apt-get update &amp;&amp; sudo apt-get install {1} (en root, la même chose sans sudo). Pour vérifier l’application sans fenêtre&#xa0;: QT_QPA_PLATFORM=offscreen mnist-gui</translation>
    </message>
    <message>
        <source>mnist-gui: no display: the Wayland display {0} cannot be reached and DISPLAY is not set. Run it in a desktop session, or with a virtual screen: xvfb-run -a mnist-gui (Debian package xvfb; or QT_QPA_PLATFORM=offscreen mnist-gui to check it starts)</source>
        <translation>mnist-gui&#xa0;: pas d’affichage&#xa0;: l’affichage Wayland {0} est injoignable et DISPLAY n’est pas défini. Lancez-le dans une session de bureau, ou avec un écran virtuel&#xa0;: xvfb-run -a mnist-gui (paquet Debian xvfb&#x202f;; ou QT_QPA_PLATFORM=offscreen mnist-gui pour vérifier qu’il démarre)</translation>
    </message>
    <message>
        <source>mnist-gui: no display (DISPLAY and WAYLAND_DISPLAY are not set, or empty). Run it in a desktop session, or with a virtual screen: xvfb-run -a mnist-gui (Debian package xvfb; or QT_QPA_PLATFORM=offscreen mnist-gui to check it starts)</source>
        <translation>mnist-gui&#xa0;: pas d’affichage (DISPLAY et WAYLAND_DISPLAY ne sont pas définis, ou sont vides). Lancez-le dans une session de bureau, ou avec un écran virtuel&#xa0;: xvfb-run -a mnist-gui (paquet Debian xvfb&#x202f;; ou QT_QPA_PLATFORM=offscreen mnist-gui pour vérifier qu’il démarre)</translation>
    </message>
    <message>
        <source>mnist-gui: no display: DISPLAY={0} is not a display name (it should read :N or host:N, such as :0). Set it to a running X server, or use a virtual screen: xvfb-run -a mnist-gui (Debian package xvfb; or QT_QPA_PLATFORM=offscreen mnist-gui to check it starts)</source>
        <translation>mnist-gui&#xa0;: pas d’affichage&#xa0;: DISPLAY={0} n’est pas un nom d’affichage (il doit s’écrire&#xa0;:N ou hôte:N, par exemple&#xa0;:0). Réglez-le sur un serveur X en marche, ou utilisez un écran virtuel&#xa0;: xvfb-run -a mnist-gui (paquet Debian xvfb&#x202f;; ou QT_QPA_PLATFORM=offscreen mnist-gui pour vérifier qu’il démarre)</translation>
    </message>
    <message>
        <source>mnist-gui: no display: no X server answers at DISPLAY={0}. Start one or set DISPLAY to a running one, or use a virtual screen: xvfb-run -a mnist-gui (Debian package xvfb; or QT_QPA_PLATFORM=offscreen mnist-gui to check it starts)</source>
        <translation>mnist-gui&#xa0;: pas d’affichage&#xa0;: aucun serveur X ne répond sur DISPLAY={0}. Démarrez-en un ou réglez DISPLAY sur un serveur en marche, ou utilisez un écran virtuel&#xa0;: xvfb-run -a mnist-gui (paquet Debian xvfb&#x202f;; ou QT_QPA_PLATFORM=offscreen mnist-gui pour vérifier qu’il démarre)</translation>
    </message>
</context>
<context>
    <name>numbers</name>
    <message>
        <source>{0} s</source>
        <extracomment>The narrow no-break space French puts before &quot;%&quot; (and Qt between digit groups).</extracomment>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} min {1} s</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <source>{0} MB</source>
        <translation>{0} Mo</translation>
    </message>
    <message>
        <source>{0} GB</source>
        <translation>{0} Go</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>The original notebook: 784-15-10, quadratic cost, N(0, 1), 30 epochs, mini-batch 10, eta 3.0.</source>
        <extracomment>The presets&apos; descriptions (``core.sgd.PRESETS``, English there, as ``mnist-train`` shows them), marked here for translation: :func:`preset_description` looks each one up at run time. A description changed in core and not here is simply shown in English (a test checks that they match).</extracomment>
        <translation>Le notebook d’origine&#xa0;: 784-15-10, coût quadratique, N(0, 1), 30 époques, mini-lot de 10, eta 3,0.</translation>
    </message>
    <message>
        <source>Nielsen ch. 1: 784-30-10, quadratic cost, N(0, 1), 30 epochs, mini-batch 10, eta 3.0 (the book reports 95.42%).</source>
        <translation>Nielsen, chap. 1&#xa0;: 784-30-10, coût quadratique, N(0, 1), 30 époques, mini-lot de 10, eta 3,0 (le livre annonce 95,42&#x202f;%).</translation>
    </message>
    <message>
        <source>Nielsen ch. 3: 784-100-10, cross-entropy, N(0, 1/n_in), L2 lambda 5.0, 30 epochs, mini-batch 10, eta 0.5 (about 98% on validation in the book).</source>
        <translation>Nielsen, chap. 3&#xa0;: 784-100-10, entropie croisée, N(0, 1/n_in), L2 lambda 5,0, 30 époques, mini-lot de 10, eta 0,5 (environ 98&#x202f;% en validation dans le livre).</translation>
    </message>
    <message>
        <source>The best found to train in under 3 minutes here: 784-800-10, cross-entropy, N(0, 1/n_in), L2 lambda 5.0, mini-batch 20, eta 1.0 halved after 3 epochs without a better validation accuracy (stop at the 6th), 30 epochs, the best validation epoch kept (98.19% test on average over seeds 0-2, keeping the last epoch).</source>
        <translation>Le meilleur trouvé pour s’entraîner en moins de 3 minutes ici&#xa0;: 784-800-10, entropie croisée, N(0, 1/n_in), L2 lambda 5,0, mini-lot de 20, eta 1,0 divisé par deux après 3 époques sans meilleure exactitude en validation (arrêt à la 6e division), 30 époques, meilleure époque en validation gardée (98,19&#x202f;% en test en moyenne sur les graines 0 à 2, en gardant la dernière époque).</translation>
    </message>
    <message>
        <source>Past the book (Simard 2003): 784-800-10, cross-entropy, N(0, 1/n_in), L2 0.5, mini-batch 20, eta 1.0 halved after 5 epochs without a better validation accuracy (stop at the 5th), up to 100 epochs on fresh distorted copies each epoch (shift 1 px, rotation 8 degrees, scale 0.08, shear 0.15, elastic alpha 34 sigma 4), the best validation epoch kept (98.93 / 98.79 / 98.73% test for seeds 0 / 1 / 2, 8-12 minutes here).</source>
        <translation>Au-delà du livre (Simard 2003)&#xa0;: 784-800-10, entropie croisée, N(0, 1/n_in), L2 0,5, mini-lot de 20, eta 1,0 divisé par deux après 5 époques sans meilleure exactitude en validation (arrêt à la 5e division), jusqu’à 100 époques sur de nouvelles copies déformées à chaque époque (décalage 1 px, rotation 8 degrés, échelle 0,08, cisaillement 0,15, élastique alpha 34 sigma 4), meilleure époque en validation gardée (98,93 / 98,79 / 98,73&#x202f;% en test pour les graines 0 / 1 / 2, 8 à 12 minutes ici).</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>default</source>
        <extracomment>What :meth:`CheckedSettings.raw` returns for a key that is not stored. What :meth:`CheckedSettings.raw` returns for a key that is stored but cannot be read (Qt gives None for a value it cannot decode, or ``value()`` raised).</extracomment>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>{0} (reset to {1})</source>
        <translation>{0} (remis à {1})</translation>
    </message>
    <message>
        <source>Ignored a bad remembered setting: {0}.</source>
        <translation>Réglage mémorisé incorrect ignoré&#xa0;: {0}.</translation>
    </message>
    <message>
        <source>Ignored bad remembered settings: {0}.</source>
        <translation>Réglages mémorisés incorrects ignorés&#xa0;: {0}.</translation>
    </message>
    <message>
        <source>it is damaged</source>
        <translation>il est endommagé</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>il ne peut pas être lu</translation>
    </message>
    <message>
        <source>The remembered settings in {0} were not used: {1}, and it could not be moved aside ({2}). Start with mnist-gui --reset-settings, or delete the file.</source>
        <translation>Les réglages mémorisés dans {0} n’ont pas été utilisés&#xa0;: {1}, et il n’a pas pu être mis de côté ({2}). Lancez mnist-gui --reset-settings, ou supprimez le fichier.</translation>
    </message>
    <message>
        <source>The remembered settings in {0} were not used: {1}. They were moved to {2}; the defaults are used.</source>
        <translation>Les réglages mémorisés dans {0} n’ont pas été utilisés&#xa0;: {1}. Ils ont été déplacés vers {2}&#x202f;; les réglages par défaut sont utilisés.</translation>
    </message>
</context>
</TS>
